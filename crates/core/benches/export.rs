//! Benchmarks of every exporter on the reference design and on synthetic designs of
//! 100, 1,000 and 5,000 subnets, through `export::export` as the CLI and the app call
//! it (validation first, then the writer). Run with
//! `cargo bench -p netwright-core --bench export`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netwright_core::export;
use netwright_core::templates::{smartinvoice, synthetic};

fn exports(c: &mut Criterion) {
    let designs = [
        ("smartinvoice".to_string(), smartinvoice()),
        ("100subnets".to_string(), synthetic(100, 3, 30, 500)),
        ("1000subnets".to_string(), synthetic(1_000, 6, 300, 5_000)),
        (
            "5000subnets".to_string(),
            synthetic(5_000, 6, 1_000, 20_000),
        ),
    ];
    for exporter in export::exporters() {
        let mut group = c.benchmark_group(format!("export/{}", exporter.name()));
        group.sample_size(20);
        for (name, t) in &designs {
            group.bench_with_input(BenchmarkId::from_parameter(name), t, |b, t| {
                b.iter(|| export::export(black_box(t), exporter.name()).expect("valid design"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, exports);
criterion_main!(benches);
