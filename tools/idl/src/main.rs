//! `idl`: writes `target/idl/<program>.json` and `target/types/<program>.ts` for every program;
//! `idl --check` fails when the committed files differ from what the source builds.

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|arg| arg == "--check");
    let mut stale = Vec::new();
    for program in inference_idl::PROGRAMS {
        let (json, ts) = match inference_idl::build(program) {
            Ok(built) => built,
            Err(err) => {
                eprintln!("error: {err:#}");
                return ExitCode::FAILURE;
            }
        };
        let (json_path, ts_path) = inference_idl::committed_paths(program);
        for (path, content) in [(&json_path, &json), (&ts_path, &ts)] {
            if check {
                if std::fs::read_to_string(path).ok().as_deref() != Some(content.as_str()) {
                    stale.push(path.display().to_string());
                }
            } else {
                let written = path
                    .parent()
                    .map(std::fs::create_dir_all)
                    .transpose()
                    .and_then(|_| std::fs::write(path, content));
                if let Err(err) = written {
                    eprintln!("error: writing {}: {err}", path.display());
                    return ExitCode::FAILURE;
                }
                println!("wrote {}", path.display());
            }
        }
    }
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "stale: {}\nrun `cargo run -p inference-idl` and commit the result",
        stale.join(", ")
    );
    ExitCode::FAILURE
}
