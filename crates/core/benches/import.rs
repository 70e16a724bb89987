//! Benchmarks of the importers on the reference design and on a synthetic design of
//! 1,000 subnets, 300 groups and 5,000 rules: the AWS importer on describe-output
//! captures of them (tests/common/capture.rs writes them as the AWS CLI would), parsing
//! every file's JSON and building the design with its notes as `netwright import`
//! does; and the CloudFormation importer on our own export of them, JSON and YAML.
//! Run with `cargo bench -p netwright-core --bench import`.

#[path = "../tests/common/capture.rs"]
mod capture;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use netwright_core::export::exporter;
use netwright_core::import::{aws, cloudformation, Source};
use netwright_core::templates::{smartinvoice, synthetic};
use netwright_core::Topology;

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

fn template(t: &Topology, format: &str) -> String {
    let mut buf = Vec::new();
    exporter(format)
        .expect("registered")
        .write(t, &mut buf)
        .expect("exports");
    String::from_utf8(buf).expect("UTF-8")
}

fn cloudformation_imports(c: &mut Criterion) {
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

criterion_group!(benches, imports, cloudformation_imports);
criterion_main!(benches);
