//! The drill simulator: scenarios, seeded runs, scoring and campaigns.
