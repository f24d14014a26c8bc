//! Collecting owed balances: anyone may send these; the money goes only to the recorded payee
//! (a wallet for SOL, a token account that wallet owns for SPL). A payee that cannot receive
//! (below rent, no token account, frozen) delays only its own payout.

pub mod collect_earnings;
pub mod collect_oracle_fees;
pub mod collect_protocol_fees;
pub mod collect_royalty;
pub mod collect_slashes;

pub use collect_earnings::*;
pub use collect_oracle_fees::*;
pub use collect_protocol_fees::*;
pub use collect_royalty::*;
pub use collect_slashes::*;
