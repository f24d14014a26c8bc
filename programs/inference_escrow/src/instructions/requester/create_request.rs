use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::{ACCOUNT_VERSION, BPS_DENOMINATOR, SEED_CONFIG, SEED_MODEL, SEED_REQUEST},
    create::{create_pda, write_account},
    errors::EscrowError,
    events::RequestCreated,
    math,
    payload::Payload,
    state::{Callback, CompareRule, Config, Model, Request, RequestStatus},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateRequestArgs {
    /// Requester-chosen nonce; part of the request PDA seeds, so each requester picks its own.
    pub nonce: u64,
    /// The model input: inline tensor bytes matching the input schema, or a URI and its hash.
    pub input: Payload,
    /// Slots from now until the deadline (claim and fulfilment must happen by then); between
    /// the config's `min_request_ttl_slots` and `max_request_ttl_slots`.
    pub ttl_slots: u64,
    /// A consumer instruction to call once the request has ended (`deliver_callback`); its
    /// accounts add to the request's rent.
    pub callback: Option<Callback>,
    /// The most the requester agrees to pay: the model's owner may change its price at any time,
    /// so a request made at a price seen earlier is refused if the price has risen above this.
    pub max_price: u64,
    /// Who besides the requester may challenge the result (a keeper key, or a program's PDA
    /// when the requester is a program that cannot sign a challenge itself).
    pub challenger: Option<Pubkey>,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateRequestArgs)]
pub struct CreateRequest<'info> {
    /// Pays the price into escrow and the account rent.
    #[account(mut)]
    pub requester: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()], bump = model.bump)]
    pub model: Box<Account<'info, Model>>,
    /// The request, created here (also when someone funded its address first).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(
        mut,
        seeds = [SEED_REQUEST, requester.key().as_ref(), &args.nonce.to_le_bytes()],
        bump,
    )]
    pub request: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

/// Checks shared by SOL and SPL request creation.
pub fn validate_new_request(
    config: &Config,
    model: &Model,
    request: &Pubkey,
    args: &CreateRequestArgs,
) -> Result<()> {
    require!(!config.paused, EscrowError::ProtocolPaused);
    require!(model.active, EscrowError::ModelInactive);
    require!(model.price <= args.max_price, EscrowError::PriceAboveMax);
    match &args.input {
        Payload::Inline(bytes) => {
            require!(!bytes.is_empty(), EscrowError::EmptyInput);
            require!(
                bytes.len() <= config.max_input_len as usize,
                EscrowError::InputTooLong
            );
            require!(
                model.input_schema.accepts_byte_len(bytes.len()),
                EscrowError::InputSchemaMismatch
            );
        }
        Payload::Uri { .. } => args.input.validate_uri()?,
    }
    // Outputs are compared on-chain: the config's inline limit must still hold them (it may
    // have been lowered since the model was registered).
    let inline = model.output_capacity(config.max_output_len) > 0;
    require!(
        !model.policy.is_quorum() || inline,
        EscrowError::QuorumNeedsInlineOutput
    );
    require!(
        model.policy.compare == CompareRule::Exact || inline,
        EscrowError::CompareNeedsInlineOutput
    );
    require!(
        args.ttl_slots >= config.min_request_ttl_slots
            && args.ttl_slots <= config.max_request_ttl_slots,
        EscrowError::InvalidTtl
    );
    require!(
        (config.protocol_fee_bps as u32) + (model.royalty_bps as u32) <= BPS_DENOMINATOR as u32,
        EscrowError::FeeSplitTooHigh
    );
    if let Some(callback) = &args.callback {
        callback.validate(request)?;
    }
    Ok(())
}

/// The parties and bumps of a request being created.
pub struct NewRequest {
    /// The signer paying the escrow.
    pub requester: Pubkey,
    /// The model account.
    pub model: Pubkey,
    /// Bump of the request PDA.
    pub bump: u8,
    /// Bump of the SPL vault PDA; zero for SOL requests.
    pub vault_bump: u8,
}

impl NewRequest {
    /// Creates the request account at its PDA, `payer` paying the rent.
    pub fn create_account<'info>(
        &self,
        payer: &AccountInfo<'info>,
        request: &AccountInfo<'info>,
        system_program: &AccountInfo<'info>,
        space: usize,
        nonce: u64,
    ) -> Result<()> {
        create_pda(
            payer,
            request,
            system_program,
            space,
            &crate::ID,
            &[
                SEED_REQUEST,
                self.requester.as_ref(),
                &nonce.to_le_bytes(),
                &[self.bump],
            ],
        )
    }

    /// The new request's state; the caller has escrowed `model.price` already.
    pub fn state(
        self,
        model: &Model,
        config: &Config,
        args: &CreateRequestArgs,
    ) -> Result<Request> {
        let slot = Clock::get()?.slot;
        let deadline_slot = math::add(slot, args.ttl_slots)?;
        Ok(Request {
            version: ACCOUNT_VERSION,
            requester: self.requester,
            model: self.model,
            nonce: args.nonce,
            status: RequestStatus::Open,
            price: model.price,
            protocol_fee_bps: config.protocol_fee_bps,
            royalty_bps: model.royalty_bps,
            challenge_window_slots: config.challenge_window_slots,
            mint: model.mint,
            escrow: model.price,
            bond: 0,
            created_slot: slot,
            deadline_slot,
            input_hash: args.input.sha256(),
            input: args.input.data_ref(),
            output_hash: [0; 32],
            output: None,
            execution_id: [0; 32],
            output_capacity: model.output_capacity(config.max_output_len),
            callback: args.callback.clone(),
            callback_delivered: false,
            bump: self.bump,
            vault_bump: self.vault_bump,
            policy: model.policy,
            reveal_deadline_slot: math::add(deadline_slot, config.reveal_window_slots)?,
            seats: Vec::new(),
            agreed: 0,
            disputed: false,
            challenger: args.challenger,
        })
    }
}

/// Writes `request` into its account, checks it and returns its creation event.
pub fn store_request(key: Pubkey, info: &AccountInfo, request: &Request) -> Result<RequestCreated> {
    write_account(info, request)?;
    request.invariant(info)?;
    Ok(RequestCreated {
        request: key,
        requester: request.requester,
        model: request.model,
        nonce: request.nonce,
        price: request.price,
        mint: request.mint,
        input_hash: request.input_hash,
        deadline_slot: request.deadline_slot,
    })
}

impl CreateRequest<'_> {
    pub fn validate(&self, args: &CreateRequestArgs) -> Result<()> {
        validate_new_request(&self.config, &self.model, &self.request.key(), args)?;
        require!(self.model.mint.is_none(), EscrowError::WrongMint);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: CreateRequestArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        let info = accounts.request.to_account_info();
        let new = NewRequest {
            requester: accounts.requester.key(),
            model: accounts.model.key(),
            bump: ctx.bumps.request,
            vault_bump: 0,
        };
        new.create_account(
            &accounts.requester.to_account_info(),
            &info,
            &accounts.system_program.to_account_info(),
            Request::space_for(
                &args.input,
                args.callback.as_ref(),
                &accounts.model,
                &accounts.config,
            ),
            args.nonce,
        )?;
        transfer(
            CpiContext::new(
                accounts.system_program.key(),
                Transfer {
                    from: accounts.requester.to_account_info(),
                    to: info.clone(),
                },
            ),
            accounts.model.price,
        )?;
        let request = new.state(&accounts.model, &accounts.config, &args)?;
        let event = store_request(info.key(), &info, &request)?;
        emit_cpi!(event);
        Ok(())
    }
}
