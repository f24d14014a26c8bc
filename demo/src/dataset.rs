//! The borrowers the demo scores: held-out positions of the data set the model was trained on
//! (`models/positions.csv`, written by `models/train_risk.py`).

use std::path::Path;

use anyhow::{bail, Context};

/// Features per position, in the order the model reads them.
pub const FEATURES: usize = 7;

/// One borrower's position and what happened to it in the data set.
#[derive(Clone, Debug, PartialEq)]
pub struct Borrower {
    /// collateral ratio, collateral volatility, liquidity depth, utilisation, 30-day drawdown,
    /// borrow age in days, asset class.
    pub features: [f32; FEATURES],
    /// Whether the position was liquidated within 30 days (the label).
    pub liquidated: bool,
}

/// Reads `positions.csv`: a header naming the seven features, `liquidated` and
/// `p_liquidation`, then one row per position.
pub fn load(path: &Path) -> anyhow::Result<Vec<Borrower>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let header = lines.next().context("positions.csv is empty")?;
    if !header.starts_with("collateral_ratio,") || header.split(',').count() != FEATURES + 2 {
        bail!("positions.csv: unexpected header {header:?}");
    }
    lines
        .enumerate()
        .map(|(n, line)| parse_row(line).with_context(|| format!("positions.csv line {}", n + 2)))
        .collect()
}

fn parse_row(line: &str) -> anyhow::Result<Borrower> {
    let cells: Vec<&str> = line.split(',').collect();
    if cells.len() != FEATURES + 2 {
        bail!("{} cells, expected {}", cells.len(), FEATURES + 2);
    }
    let mut features = [0f32; FEATURES];
    for (slot, cell) in features.iter_mut().zip(&cells) {
        *slot = cell
            .parse()
            .with_context(|| format!("{cell:?} is not a number"))?;
        if !slot.is_finite() {
            bail!("{cell:?} is not finite");
        }
    }
    let liquidated = match cells[FEATURES] {
        "0" => false,
        "1" => true,
        other => bail!("label {other:?} is not 0 or 1"),
    };
    Ok(Borrower {
        features,
        liquidated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_and_bad_rows_are_refused() {
        let row = parse_row("1.6,0.55,2.1,0.7,0.05,120,1,0,0.031").unwrap();
        assert_eq!(row.features, [1.6, 0.55, 2.1, 0.7, 0.05, 120.0, 1.0]);
        assert!(!row.liquidated);
        assert!(parse_row("1.6,0.55,2.1,0.7,0.05,120,1,2,0.1").is_err());
        assert!(parse_row("1.6,inf,2.1,0.7,0.05,120,1,0,0.1").is_err());
        assert!(parse_row("1.6,0.55").is_err());
    }

    #[test]
    fn the_committed_positions_load() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/positions.csv");
        let rows = load(&path).unwrap();
        assert_eq!(rows.len(), 2_000);
        let rate = rows.iter().filter(|b| b.liquidated).count() as f64 / rows.len() as f64;
        assert!((0.05..0.4).contains(&rate), "liquidation rate {rate}");
    }
}
