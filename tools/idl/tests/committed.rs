//! The committed IDLs and TypeScript types must be what the programs' source builds today.

#[test]
fn committed_idl_and_types_are_current() {
    for program in inference_idl::PROGRAMS {
        let (json, ts) = inference_idl::build(program).unwrap_or_else(|err| panic!("{err:#}"));
        let (json_path, ts_path) = inference_idl::committed_paths(program);
        let committed_json = std::fs::read_to_string(&json_path).unwrap_or_default();
        let committed_ts = std::fs::read_to_string(&ts_path).unwrap_or_default();
        assert!(
            committed_json == json,
            "{} is stale: run `cargo run -p inference-idl` and commit it",
            json_path.display()
        );
        assert!(
            committed_ts == ts,
            "{} is stale: run `cargo run -p inference-idl` and commit it",
            ts_path.display()
        );
    }
}
