//! Benchmarks of the importers: a CloudFormation import of our own export (JSON and
//! YAML) of the reference design and of the synthetic design of 1,000 subnets (6 AZs,
//! 300 groups, 5,000 rules). Run with `cargo bench -p netwright-core --bench import`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netwright_core::export::exporter;
use netwright_core::import::{cloudformation, Source};
use netwright_core::templates::{smartinvoice, synthetic};
use netwright_core::Topology;

fn template(t: &Topology, format: &str) -> String {
    let mut buf = Vec::new();
    exporter(format)
        .expect("registered")
        .write(t, &mut buf)
        .expect("exports");
    String::from_utf8(buf).expect("UTF-8")
}

fn imports(c: &mut Criterion) {
    let designs = [
        ("smartinvoice", smartinvoice()),
        ("1000subnets", synthetic(1_000, 6, 300, 5_000)),
    ];
    for format in ["cloudformation", "cloudformation-yaml"] {
        let mut group = c.benchmark_group(format!("import/{format}"));
        group.sample_size(20);
        for (name, t) in &designs {
            let text = template(t, format);
            let options = cloudformation::Options::default();
            group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
                b.iter(|| {
                    let src = Source {
                        name: "template",
                        text: black_box(text),
                    };
                    cloudformation::import(&src, &options).expect("imports")
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, imports);
criterion_main!(benches);
