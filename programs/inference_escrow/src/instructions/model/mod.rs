//! Instructions signed by a model owner.

pub mod register_model;
pub mod update_model;

pub use register_model::*;
pub use update_model::*;
