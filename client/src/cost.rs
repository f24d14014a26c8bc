//! What a request costs its requester before it pays: the price, and the rent its account (and,
//! for SPL, its vault) locks until the requester closes it.

use anchor_lang::prelude::Rent;
use inference_escrow::{
    payload::Payload,
    state::{Config, Model, Request},
};

/// Size of a token account of a mint without extensions (SPL Token, or Token-2022 without
/// account extensions): the vault of an SPL request.
pub const TOKEN_ACCOUNT_LEN: usize = 165;

/// What creating a request locks, in lamports and in the model's payment unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestCost {
    /// The price escrowed (lamports for SOL models, base units of the mint for SPL ones).
    pub price: u64,
    /// Bytes of the request account.
    pub space: usize,
    /// Lamports of rent locked in the request account (and its vault, for SPL), returned when
    /// the requester closes it.
    pub rent: u64,
}

impl RequestCost {
    /// The cost of a request for `input` on `model` under `config`, at `rent`'s rates.
    pub fn of(input: &Payload, model: &Model, config: &Config, rent: &Rent) -> Self {
        Self::with_rent(input, model, config, |len| rent.minimum_balance(len))
    }

    /// The cost of a request for `input` on `model` under `config`, where `minimum_balance`
    /// gives the rent-exempt minimum of an account size (as `getMinimumBalanceForRentExemption`
    /// answers it).
    pub fn with_rent(
        input: &Payload,
        model: &Model,
        config: &Config,
        minimum_balance: impl Fn(usize) -> u64,
    ) -> Self {
        let space = Request::space_for(input, None, model, config);
        let vault_rent = if model.mint.is_some() {
            minimum_balance(TOKEN_ACCOUNT_LEN)
        } else {
            0
        };
        Self {
            price: model.price,
            space,
            rent: minimum_balance(space) + vault_rent,
        }
    }

    /// Lamports the requester's wallet pays: rent, plus the price for a SOL model.
    pub fn lamports(&self, sol_priced: bool) -> u64 {
        if sol_priced {
            self.rent + self.price
        } else {
            self.rent
        }
    }
}
