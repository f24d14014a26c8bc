//! Host-side IDL generation, as `anchor idl build` does it, without the SBF toolchain.
//!
//! For each program under `programs/`, `cargo test __anchor_private_print_idl --features
//! idl-build` prints the IDL pieces; `anchor_lang_idl::build::IdlBuilder` assembles them with
//! account resolution (PDA seeds, fixed addresses) so TypeScript clients can derive accounts by
//! themselves. The results go where Anchor users look for them and are committed:
//! `target/idl/<program>.json` and `target/types/<program>.ts`.

use std::path::{Path, PathBuf};

use anchor_lang_idl::types::{Idl, IdlInstructionAccountItem, IdlPda, IdlSeed, IdlSeedConst};
use anyhow::Context;
use heck::ToLowerCamelCase;
use sha2::Digest;

/// The programs whose IDL the project publishes (directory names under `programs/`).
pub const PROGRAMS: &[&str] = &["inference_escrow", "risk_consumer"];

/// The workspace root: from `CARGO_MANIFEST_DIR` as cargo sets it when it runs this (a binary
/// built by another checkout that shares the target directory keeps that checkout's path baked
/// in), else as it was at build time.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    Path::new(&manifest_dir).join("../..")
}

/// The IDL JSON and the TypeScript type of `program`, freshly built from its source.
pub fn build(program: &str) -> anyhow::Result<(String, String)> {
    let root = workspace_root();
    // A target directory of its own: the IDL build uses other features and flags than the
    // workspace build, and may run while another cargo holds the workspace's lock. One per
    // checkout: the programs' rlibs carry no hash in their names (cdylib + lib), so two
    // checkouts sharing one directory would overwrite each other's.
    let checkout = root
        .canonicalize()
        .unwrap_or_else(|_| root.clone())
        .display()
        .to_string();
    let tag = hex_prefix(&sha2::Sha256::digest(checkout.as_bytes()));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join(format!("idl-build-{tag}"));
    // IdlBuilder calls `cargo +$RUSTUP_TOOLCHAIN` when that is set, as it is inside cargo.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let idl = anchor_lang_idl::build::IdlBuilder::new()
        .program_path(root.join("programs").join(program))
        .resolution(true)
        .cargo_args(vec![
            "--locked".into(),
            "--target-dir".into(),
            target.display().to_string(),
        ])
        .build()
        .with_context(|| format!("building the IDL of {program}"))?;
    let idl = with_event_cpi_accounts(idl);
    let json = serde_json::to_string_pretty(&idl)? + "\n";
    let ts = typescript(&idl.metadata.name, &json)?;
    Ok((json, ts))
}

/// `#[event_cpi]` adds two accounts the host build leaves bare: the event authority (a PDA of
/// `"__event_authority"`) and the program itself. Naming their derivation lets any IDL client
/// resolve them without knowing Anchor's convention.
fn with_event_cpi_accounts(mut idl: Idl) -> Idl {
    let address = idl.address.clone();
    for instruction in &mut idl.instructions {
        for item in &mut instruction.accounts {
            let IdlInstructionAccountItem::Single(account) = item else {
                continue;
            };
            match account.name.as_str() {
                "event_authority" if account.pda.is_none() && account.address.is_none() => {
                    account.pda = Some(IdlPda {
                        seeds: vec![IdlSeed::Const(IdlSeedConst {
                            value: b"__event_authority".to_vec(),
                        })],
                        program: None,
                    });
                }
                "program" if account.address.is_none() && account.pda.is_none() => {
                    account.address = Some(address.clone());
                }
                _ => {}
            }
        }
    }
    idl
}

/// The TypeScript type Anchor generates for an IDL: the IDL with every name in camelCase.
pub fn typescript(program: &str, json: &str) -> anyhow::Result<String> {
    let names = regex::Regex::new(r#""\w+":"([\w\d]+)""#)?;
    let compact = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(json)?)?;
    let mut camel = compact.clone();
    for capture in names.captures_iter(&compact) {
        let name = &capture[1];
        // Addresses (base58, 32 to 44 characters) keep their case.
        if (32..=44).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
            && name.chars().any(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        camel = camel.replace(
            &format!(r#""{name}""#),
            &format!(r#""{}""#, name.to_lower_camel_case()),
        );
    }
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&camel)?)?;
    let type_name = heck::ToUpperCamelCase::to_upper_camel_case(program);
    Ok(format!(
        "/**\n * Program IDL in camelCase format in order to be used in JS/TS.\n *\n * Note that this is only a type helper and is not the actual IDL. The original\n * IDL can be found at `target/idl/{program}.json`.\n */\nexport type {type_name} = {pretty};\n"
    ))
}

/// Where the committed IDL and type of `program` live.
pub fn committed_paths(program: &str) -> (PathBuf, PathBuf) {
    let root = workspace_root();
    (
        root.join("target/idl").join(format!("{program}.json")),
        root.join("target/types").join(format!("{program}.ts")),
    )
}

/// The first 6 bytes of `digest`, hex.
fn hex_prefix(digest: &[u8]) -> String {
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}
