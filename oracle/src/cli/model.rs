//! The model owner's actions: register a model from its ONNX file, show one.

use std::path::PathBuf;

use anchor_lang::prelude::Pubkey;
use anyhow::{bail, Context};
use inference_escrow_client::{ix, pda, Model, RegisterModelArgs};
use solana_signer::Signer;

use super::{operator::count_by_status, Ctx};
use crate::inference::{describe_model, sha256_file};

/// What `oracle model register` asks for (its flags).
#[derive(clap::Args, Debug)]
pub struct RegisterOptions {
    /// The ONNX file.
    #[arg(long)]
    pub file: PathBuf,
    /// A name for the model; its SHA-256 is the model id in the account's address.
    #[arg(long)]
    pub name: String,
    /// Price per inference, in lamports or base units of the mint.
    #[arg(long)]
    pub price: u64,
    /// SPL payment mint; SOL when absent.
    #[arg(long)]
    pub mint: Option<String>,
    /// Owner royalty in basis points.
    #[arg(long, default_value_t = 1_000)]
    pub royalty_bps: u16,
    /// Largest output in bytes, for a model whose output shape is dynamic beyond its first
    /// (batch) dimension; requests reserve this much space (larger than the inline limit
    /// means outputs go by URI). By default one item of the batch: what one request gets.
    #[arg(long)]
    pub max_output_bytes: Option<u32>,
    /// Where the ONNX file can be fetched: https://host/path, or file:///absolute/path.
    #[arg(long)]
    pub uri: String,
    /// Oracles that run each request (1: one oracle; 2 to 7: a quorum request whose outputs
    /// are compared on-chain).
    #[arg(long, default_value_t = 1)]
    pub replicas: u8,
    /// Agreeing outputs needed; the smallest majority of --replicas by default.
    #[arg(long)]
    pub quorum: Option<u8>,
    /// When two outputs agree: exact, argmax, tolerance:ABS,REL or median:ABS,REL.
    #[arg(long, default_value = "exact")]
    pub compare: String,
}

/// `oracle model register`: hash and I/O schema read from the file.
pub async fn register(ctx: &Ctx, options: RegisterOptions) -> anyhow::Result<()> {
    let policy = crate::policy::policy(options.replicas, options.quorum, &options.compare)?;
    check_uri(&options.uri).context("--uri")?;
    let mint = options
        .mint
        .as_deref()
        .map(|m| super::address(m, "--mint"))
        .transpose()?;
    let owner = ctx.payer()?;
    let onnx_sha256 = sha256_file(&options.file)?;
    let (input_schema, output_schema) = describe_model(&options.file)?;
    let model_id = inference_escrow::attestation::sha256(options.name.as_bytes());
    let key = pda::model(&owner.pubkey(), &model_id);
    if ctx.chain.account_data(&key).await?.is_some() {
        bail!(
            "model {key} ({:?} of {}) is registered already: pick another --name",
            options.name,
            owner.pubkey()
        );
    }
    let max_output_len = match (output_schema.static_byte_len(), options.max_output_bytes) {
        (Some(_), _) => 0,
        (None, Some(bytes)) => bytes,
        (None, None) => match output_schema.single_item_byte_len() {
            Some(item) => u32::try_from(item).context("the model's output is too large")?,
            None => bail!(
                "the model's output shape {:?} is dynamic beyond its batch dimension: pass \
                 --max-output-bytes (its largest output)",
                output_schema.shape
            ),
        },
    };
    let args = RegisterModelArgs {
        model_id,
        onnx_sha256,
        input_schema: input_schema.clone(),
        output_schema: output_schema.clone(),
        max_output_len,
        price: options.price,
        royalty_bps: options.royalty_bps,
        uri: options.uri,
        policy,
    };
    let token = match mint {
        None => None,
        Some(mint) => Some(ix::TokenPayment {
            mint,
            token_program: ctx.chain.owner_of(&mint).await?,
        }),
    };
    ctx.send(
        "register model",
        &[ix::register_model(&owner.pubkey(), args, token)],
        &owner,
        &[],
    )
    .await?;
    println!("model {key} registered");
    println!(
        "  input  {:?} {:?}\n  output {:?} {:?}",
        input_schema.dtype, input_schema.shape, output_schema.dtype, output_schema.shape
    );
    Ok(())
}

/// Refuses a URI that is not absolute (`file:///abs/path`, `https://host/...`).
pub(crate) fn check_uri(uri: &str) -> anyhow::Result<()> {
    let Some((scheme, rest)) = uri.split_once("://") else {
        bail!("{uri:?} is not a URI: use https://host/path or file:///absolute/path");
    };
    match scheme {
        "file" => anyhow::ensure!(
            rest.starts_with('/'),
            "{uri:?}: a file URI names an absolute path, file:///path/to/file \
             (file://{rest} would make {:?} a host)",
            rest.split('/').next().unwrap_or_default()
        ),
        "http" | "https" | "ipfs" | "ar" => {
            anyhow::ensure!(!rest.is_empty(), "{uri:?} names nothing")
        }
        other => bail!("{uri:?}: unknown scheme {other:?} (https, http, ipfs, ar or file)"),
    }
    Ok(())
}

/// `oracle model show`: the model account and its requests by status.
pub async fn show(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let model: Model = ctx
        .chain
        .account(key)
        .await?
        .with_context(|| format!("no model at {key}"))?;
    let unit = model
        .mint
        .map_or("lamports".to_owned(), |m| format!("base units of {m}"));
    println!("model {key}");
    println!("  owner       {}", model.owner);
    println!("  onnx sha256 {}", hex::encode(model.onnx_sha256));
    println!("  uri         {}", model.uri);
    println!(
        "  price       {} {unit}, royalty {} bps",
        model.price, model.royalty_bps
    );
    println!(
        "  input  {:?} {:?}\n  output {:?} {:?}",
        model.input_schema.dtype,
        model.input_schema.shape,
        model.output_schema.dtype,
        model.output_schema.shape
    );
    println!(
        "  policy      {} of {} ({:?})",
        model.policy.quorum, model.policy.replicas, model.policy.compare
    );
    println!("  royalty owed {} {unit}", model.royalty_owed);
    let requests = ctx.chain.requests_of(key).await?;
    println!(
        "  requests not closed: {} ({})",
        requests.len(),
        count_by_status(&requests)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_uri;

    #[test]
    fn model_uris_must_be_absolute() {
        check_uri("file:///srv/models/risk_v1.onnx").unwrap();
        check_uri("https://example.com/risk_v1.onnx").unwrap();
        let err = check_uri("file://models/risk_v1.onnx")
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"models\" a host"), "{err}");
        assert!(check_uri("models/risk_v1.onnx").is_err());
        assert!(check_uri("gopher://x").is_err());
    }
}
