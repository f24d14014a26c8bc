//! A model's verification policy as operators write it on the command line.

use anyhow::{bail, Context};
use inference_escrow_client::{CompareRule, VerificationPolicy};

/// Parses a compare rule: `exact`, `argmax`, `tolerance:ABS,REL` or `median:ABS,REL` (ABS and
/// REL as decimal numbers, e.g. `tolerance:1e-5,1e-4`).
pub fn parse_compare(text: &str) -> anyhow::Result<CompareRule> {
    let (name, params) = text.split_once(':').unwrap_or((text, ""));
    let tolerance = || -> anyhow::Result<(u32, u32)> {
        let (abs, rel) = params
            .split_once(',')
            .with_context(|| format!("`{text}`: give the tolerances as ABS,REL"))?;
        let parse = |value: &str| -> anyhow::Result<u32> {
            let value: f32 = value
                .trim()
                .parse()
                .with_context(|| format!("`{value}` is not a number"))?;
            anyhow::ensure!(
                value.is_finite() && value >= 0.0,
                "a tolerance must be a finite number >= 0, not {value}"
            );
            Ok((value + 0.0).to_bits())
        };
        Ok((parse(abs)?, parse(rel)?))
    };
    Ok(match name.trim().to_ascii_lowercase().as_str() {
        "exact" if params.is_empty() => CompareRule::Exact,
        "argmax" if params.is_empty() => CompareRule::Argmax,
        "tolerance" => {
            let (abs_bits, rel_bits) = tolerance()?;
            CompareRule::Tolerance { abs_bits, rel_bits }
        }
        "median" => {
            let (abs_bits, rel_bits) = tolerance()?;
            CompareRule::Median { abs_bits, rel_bits }
        }
        _ => bail!(
            "unknown compare rule `{text}`: use exact, argmax, tolerance:ABS,REL or median:ABS,REL"
        ),
    })
}

/// The policy of `replicas` oracles, `quorum` of which must agree under `compare` (the quorum
/// defaults to the smallest majority).
pub fn policy(
    replicas: u8,
    quorum: Option<u8>,
    compare: &str,
) -> anyhow::Result<VerificationPolicy> {
    Ok(VerificationPolicy {
        replicas,
        quorum: quorum.unwrap_or(replicas / 2 + 1),
        compare: parse_compare(compare)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_with_their_tolerances() {
        assert_eq!(parse_compare("exact").unwrap(), CompareRule::Exact);
        assert_eq!(parse_compare("Argmax").unwrap(), CompareRule::Argmax);
        assert_eq!(
            parse_compare("tolerance:1e-5,0.0001").unwrap(),
            CompareRule::Tolerance {
                abs_bits: 1e-5f32.to_bits(),
                rel_bits: 1e-4f32.to_bits()
            }
        );
        assert_eq!(
            parse_compare("median:0,-0").unwrap(),
            CompareRule::Median {
                abs_bits: 0,
                rel_bits: 0
            },
            "negative zero is written as zero"
        );
    }

    #[test]
    fn bad_rules_are_refused_with_a_reason() {
        for bad in [
            "",
            "close",
            "exact:1",
            "tolerance",
            "tolerance:1",
            "median:-1,0",
            "tolerance:nan,0",
            "tolerance:inf,0",
        ] {
            assert!(parse_compare(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn quorum_defaults_to_a_majority() {
        assert_eq!(policy(5, None, "exact").unwrap().quorum, 3);
        assert_eq!(policy(4, None, "exact").unwrap().quorum, 3);
        assert_eq!(policy(1, None, "exact").unwrap().quorum, 1);
    }
}
