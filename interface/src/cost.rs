//! What a request locks beside its price: the rent of its account, whose size the escrow
//! computes from the input, the model's output, its policy and the callback.

use crate::{instruction::Input, Callback, Config, Model};

/// Longest URI the escrow stores (output space reserved when the output goes by URI).
pub const MAX_URI_LEN: usize = 200;

/// Bytes the escrow allocates for a request of `model` under `config` with `input` and
/// `callback`; its rent (`Rent::minimum_balance`) is paid by the requester and returned on
/// `close_request`.
pub fn request_space(
    input: &Input,
    callback: Option<&Callback>,
    model: &Model,
    config: &Config,
) -> usize {
    let input_stored = match input {
        Input::Inline(bytes) => 1 + 4 + bytes.len(),
        Input::Uri { uri, .. } => 1 + 4 + uri.len(),
    };
    let output_capacity = if model.max_output_len <= config.max_output_len {
        model.max_output_len as usize
    } else {
        0
    };
    let output_reserve = if output_capacity > 0 {
        output_capacity
    } else {
        MAX_URI_LEN
    };
    let seats = if model.policy.replicas > 1 {
        model.policy.replicas as usize * (32 + 8 + 1 + 32 + 32 + 4 + output_capacity)
    } else {
        0
    };
    let callback = callback.map_or(0, |callback| 32 + 8 + 4 + callback.accounts.len() * 33);
    8 + 1 // discriminator, version
        + 32 + 32 + 8 // requester, model, nonce
        + 1 + 32 + 8 + 8 // status (largest variant)
        + 8 + 2 + 2 + 8 // price, fee bps, challenge window
        + 1 + 32 // mint
        + 8 + 8 + 8 + 8 // escrow, bond, created, deadline
        + 32 + input_stored
        + 32 + 1 + 1 + 4 + output_reserve // output hash, output
        + 32 + 4 // execution id, output capacity
        + 1 + callback + 1 // callback, delivered
        + 1 + 1 // bumps
        + 1 + 1 + 1 + 8 // policy
        + 8 // reveal deadline
        + 4 + seats
        + 1 + 1 // agreed, disputed
        + 1 + 32 // challenger
}
