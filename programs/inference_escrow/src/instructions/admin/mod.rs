//! Instructions signed by the config admin (who is also the challenge arbiter).

pub mod initialize_config;
pub mod resolve_challenge;
pub mod set_paused;
pub mod update_config;

pub use initialize_config::*;
pub use resolve_challenge::*;
pub use set_paused::*;
pub use update_config::*;
