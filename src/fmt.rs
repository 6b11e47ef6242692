//! `planc fmt`: the canonical layout of a plan, keeping every comment.
