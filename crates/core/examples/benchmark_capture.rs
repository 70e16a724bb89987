//! Writes the describe output of the import benchmark's design (1,000 subnets, 6 AZs,
//! 300 groups, 5,000 rules) into the directory given, one file per AWS CLI command, as
//! the browser benchmark's Import dialog reads it:
//! `cargo run -q -p netwright-core --example benchmark_capture -- DIR`.

#[path = "../tests/common/capture.rs"]
mod capture;

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: benchmark_capture DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(&dir);
    let design = netwright_core::templates::synthetic(1_000, 6, 300, 5_000);
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        capture::capture(&design)
            .into_iter()
            .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
    });
    if let Err(e) = written {
        eprintln!("benchmark_capture: {}: {e}", dir.display());
        std::process::exit(1);
    }
}
