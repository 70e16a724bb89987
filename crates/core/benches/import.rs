//! Benchmark of the AWS importer on describe-output captures generated from the
//! reference design and from a synthetic design of 1,000 subnets, 300 groups and
//! 5,000 rules (tests/common/capture.rs writes them as the AWS CLI would): parsing
//! every file's JSON and building the design with its notes, as `netwright import`
//! does. Run with `cargo bench -p netwright-core --bench import`.

#[path = "../tests/common/capture.rs"]
mod capture;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netwright_core::import::{aws, Source};
use netwright_core::templates::{smartinvoice, synthetic};

fn imports(c: &mut Criterion) {
    let captures = [
        ("smartinvoice", capture::capture(&smartinvoice())),
        (
            "1000subnets",
            capture::capture(&synthetic(1_000, 6, 300, 5_000)),
        ),
    ];
    let mut group = c.benchmark_group("import/aws");
    group.sample_size(20);
    for (name, files) in &captures {
        let sources: Vec<Source<'_>> = files
            .iter()
            .map(|(name, text)| Source { name, text })
            .collect();
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        eprintln!("{name}: {} files, {bytes} bytes of JSON", files.len());
        group.bench_with_input(BenchmarkId::from_parameter(name), &sources, |b, s| {
            b.iter(|| aws::import(black_box(s), &aws::Options::default()).expect("imports"))
        });
    }
    group.finish();
}

criterion_group!(benches, imports);
criterion_main!(benches);
