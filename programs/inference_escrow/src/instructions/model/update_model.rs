use anchor_lang::prelude::*;

use crate::{
    constants::SEED_MODEL,
    errors::EscrowError,
    events::ModelUpdated,
    state::{validate_uri, Model},
};

/// Changes to a model; `None` leaves a field as it is. Open requests keep the price they escrowed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateModelArgs {
    pub price: Option<u64>,
    pub uri: Option<String>,
    pub active: Option<bool>,
}

#[event_cpi]
#[derive(Accounts)]
pub struct UpdateModel<'info> {
    pub owner: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()],
        bump = model.bump,
        has_one = owner @ EscrowError::NotModelOwner,
    )]
    pub model: Box<Account<'info, Model>>,
}

impl UpdateModel<'_> {
    pub fn validate(&self, args: &UpdateModelArgs) -> Result<()> {
        if let Some(price) = args.price {
            require!(price > 0, EscrowError::ZeroPrice);
        }
        if let Some(uri) = &args.uri {
            validate_uri(uri)?;
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: UpdateModelArgs) -> Result<()> {
        let model = &mut ctx.accounts.model;
        if let Some(price) = args.price {
            model.price = price;
        }
        if let Some(uri) = args.uri {
            model.uri = uri;
        }
        if let Some(active) = args.active {
            model.active = active;
        }
        model.invariant(&model.to_account_info())?;
        emit_cpi!(ModelUpdated {
            model: model.key(),
            price: model.price,
            active: model.active,
        });
        Ok(())
    }
}
