//! Instructions signed by an oracle's authority.

pub mod add_stake;
pub mod begin_unbonding;
pub mod claim_request;
pub mod fail_request;
pub mod fulfill_request;
pub mod register_oracle;
pub mod withdraw_stake;

pub use add_stake::*;
pub use begin_unbonding::*;
pub use claim_request::*;
pub use fail_request::*;
pub use fulfill_request::*;
pub use register_oracle::*;
pub use withdraw_stake::*;
