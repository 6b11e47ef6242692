//! `planc diff`: what changed in meaning between two versions of a plan.
