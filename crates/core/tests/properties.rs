//! Properties over generated designs (with network ACLs and workloads, and names and
//! ACL fields of arbitrary text): the saved format round-trips exactly, every
//! export is deterministic, scripts with arbitrary names keep their structure and pass
//! `bash -n` (and shellcheck, on a sample), and the CIDR allocator never hands out a block that
//! overlaps a used one or lies outside the VPC.

use netwright_core::cidr::{self, Ipv4Net};
use netwright_core::templates::{with_acls_and_workloads, wizard, NatStrategy, WizardOptions};
use netwright_core::{export, format, Topology};
use proptest::prelude::*;

/// Names as people type them: any printable text, including quotes, `$(...)`,
/// backticks, newlines and non-ASCII letters.
fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,24}",
        "[a-z0-9 '\"$`;|&()<>\\\\\n\t-]{1,24}",
        Just("$(touch pwned)".to_string()),
        Just("-rf --help".to_string()),
    ]
}

/// Console-style designs of any shape the wizard accepts.
fn wizard_design() -> impl Strategy<Value = Topology> {
    (
        1..=6u8,
        0..=2u8,
        0..=2u8,
        20..=26u8,
        20..=26u8,
        0..3u8,
        "[a-z][a-z0-9-]{0,11}",
    )
        .prop_filter_map(
            "wizard refuses",
            |(azs, public, private, pp, qp, nat, name)| {
                let nat =
                    [NatStrategy::None, NatStrategy::Single, NatStrategy::PerAz][usize::from(nat)];
                wizard(&WizardOptions {
                    name,
                    region: "us-east-1".into(),
                    vpc_cidr: "10.0.0.0/16".into(),
                    az_count: azs,
                    public_per_az: public,
                    private_per_az: private,
                    public_prefix: pp,
                    private_prefix: qp,
                    nat,
                })
                .ok()
            },
        )
}

/// Gives every Name tag of the design (design, VPC, subnets, gateways, Elastic IPs,
/// tables) the next of `names`, made unique with a counter so the design stays valid.
fn rename(mut t: Topology, names: &[String]) -> Topology {
    let mut names = names.iter().cycle();
    let mut counter = 0usize;
    let mut next = || {
        counter += 1;
        format!("{} #{counter}", names.next().expect("names"))
    };
    t.name = next();
    for v in &mut t.vpcs {
        v.name = next();
    }
    for s in &mut t.subnets {
        s.name = next();
    }
    for g in &mut t.internet_gateways {
        g.name = next();
    }
    for g in &mut t.nat_gateways {
        g.name = next();
        if let Some(e) = &mut g.elastic_ip {
            e.name = next();
        }
    }
    for r in &mut t.route_tables {
        r.name = next();
    }
    t
}

/// A wizard design with network ACLs and workloads whose Name tags are arbitrary text.
fn renamed_design() -> impl Strategy<Value = Topology> {
    (
        wizard_design(),
        proptest::collection::vec(any_name(), 1..40),
        (0..4usize, 0..8usize, 0..7usize),
    )
        .prop_map(|(t, names, (acls, entries, workloads))| {
            let mut t = rename(with_acls_and_workloads(t, acls, entries, workloads), &names);
            let mut names = names.iter().cycle().enumerate();
            let mut next = |what: &str| {
                let (i, n) = names.next().expect("names");
                format!("{n} {what} #{i}")
            };
            for a in &mut t.network_acls {
                a.name = next("acl");
            }
            for w in &mut t.workloads {
                w.name = next("workload");
            }
            t
        })
}

/// The shape of a bash script: every quoted word ('...', $'...', "...") becomes `Q`
/// and every comment line `#`, so two scripts that differ only in the data they
/// carry have the same skeleton.
fn skeleton(script: &str) -> String {
    let mut out = String::new();
    let mut chars = script.chars().peekable();
    let mut line_start = true;
    while let Some(c) = chars.next() {
        match c {
            '#' if line_start => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
                out.push_str("#\n");
                continue;
            }
            '\'' => {
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                }
                out.push('Q');
            }
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
                out.push('Q');
            }
            '"' => {
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push('Q');
            }
            _ => out.push(c),
        }
        line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
    }
    out
}

/// Runs `program args...` with `input` on its standard input; `Err` holds what it
/// printed when it failed.
fn run_on(program: &str, args: &[&str], input: &str) -> Result<(), String> {
    use std::io::Write;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{program} could not run ({e}): run scripts/setup.sh"))?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn bash_n(script: &str) -> Result<(), String> {
    run_on("bash", &["-n"], script)
}

fn shellcheck(script: &str) -> Result<(), String> {
    run_on(
        "shellcheck",
        &["--shell=bash", "--severity=style", "-"],
        script,
    )
}

/// Every how-many-th generated case is also checked by shellcheck (it takes ~1 s a
/// script; `bash -n` runs on all of them).
const SHELLCHECK_EVERY: usize = 6;
static CASES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn names_never_change_a_scripts_structure(
        t in wizard_design(),
        names in proptest::collection::vec(any_name(), 1..40),
    ) {
        let plain: Vec<String> = (0..40).map(|i| format!("name {i}")).collect();
        let tame = rename(t.clone(), &plain);
        let wild = rename(t, &names);
        let sample = CASES.fetch_add(1, std::sync::atomic::Ordering::Relaxed).is_multiple_of(SHELLCHECK_EVERY);
        for format in ["aws-cli", "aws-cli-teardown"] {
            let a = export::export(&tame, format).expect("exports");
            let b = export::export(&wild, format).expect("exports");
            prop_assert_eq!(skeleton(&a), skeleton(&b), "{} changed shape", format);
            prop_assert!(skeleton(&b).matches(" q ec2 ").count() > 0, "no aws call seen");
            prop_assert!(bash_n(&b).is_ok(), "{}: {:?}", format, bash_n(&b));
            if sample {
                let checked = shellcheck(&b);
                prop_assert!(checked.is_ok(), "{}: {}", format, checked.unwrap_err());
            }
        }
    }

    #[test]
    fn save_load_round_trip_is_exact(
        t in renamed_design(),
        typed in proptest::collection::vec(any_name(), 3),
    ) {
        // ACL entries keep whatever was typed, however broken.
        let mut t = t;
        if let Some(e) = t.network_acls.first_mut().and_then(|a| a.inbound.first_mut()) {
            e.protocol = typed[0].clone();
            e.ports = typed[1].clone();
            e.cidr = typed[2].clone();
        }
        let saved = format::save(&t);
        let loaded = format::load(&saved).expect("a saved design loads");
        prop_assert_eq!(&loaded, &t);
        prop_assert_eq!(format::save(&loaded), saved);
    }

    #[test]
    fn hand_set_positions_never_change_what_is_deployed(
        t in wizard_design(),
        moves in proptest::collection::vec((any::<prop::sample::Index>(), -5000i32..5000, -5000i32..5000), 1..12),
    ) {
        let mut moved = t.clone();
        let ids: Vec<_> = t.entities().iter().map(|(r, _)| r.id.clone()).collect();
        for (i, x, y) in moves {
            let id = ids[i.index(ids.len())].clone();
            moved.layout.positions.insert(id, netwright_core::model::Point { x: x.into(), y: y.into() });
        }
        for format in ["aws-cli", "aws-cli-teardown", "cloudformation", "cloudformation-yaml"] {
            prop_assert_eq!(export::export(&t, format).ok(), export::export(&moved, format).ok(), "{}", format);
        }
        prop_assert_ne!(export::export(&t, "json").ok(), export::export(&moved, "json").ok());
    }

    #[test]
    fn every_export_is_deterministic(t in renamed_design()) {
        for e in export::exporters() {
            let a = export::export(&t, e.name());
            let b = export::export(&t.clone(), e.name());
            match (a, b) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", e.name()),
                (a, b) => prop_assert!(false, "{} failed: {:?} / {:?}", e.name(), a.err(), b.err()),
            }
        }
    }

    #[test]
    fn next_free_never_overlaps_and_stays_inside(
        vpc_prefix in 16..=24u8,
        used in proptest::collection::vec((any::<u16>(), 18..=28u8), 0..24),
        want in 16..=28u8,
    ) {
        let vpc = Ipv4Net::new([10, 0, 0, 0].into(), vpc_prefix).unwrap().trunc();
        // Used blocks: anywhere in 10.0.0.0/16, so some sit outside a smaller VPC.
        let used: Vec<Ipv4Net> = used
            .into_iter()
            .map(|(off, p)| {
                Ipv4Net::new(std::net::Ipv4Addr::from(0x0a00_0000u32 | u32::from(off)), p)
                    .unwrap()
                    .trunc()
            })
            .collect();
        match cidr::next_free(&[vpc], &used, want) {
            Some(block) => {
                prop_assert_eq!(block.prefix_len(), want);
                prop_assert!(vpc.contains(&block), "{} outside {}", block, vpc);
                for u in &used {
                    prop_assert!(!cidr::overlaps(block, *u), "{} overlaps used {}", block, u);
                }
                // It is the first free one: no earlier aligned block is free.
                let step = cidr::size(want);
                let (start, _) = cidr::span(vpc);
                let (found, _) = cidr::span(block);
                let mut at = start;
                while at < found {
                    let cand = Ipv4Net::new(std::net::Ipv4Addr::from(at as u32), want).unwrap();
                    prop_assert!(used.iter().any(|u| cidr::overlaps(cand, *u)), "{} was free", cand);
                    at += step;
                }
            }
            None => {
                // Nothing free: every aligned candidate in the VPC overlaps a used block.
                if want >= vpc_prefix {
                    let step = cidr::size(want);
                    let (start, end) = cidr::span(vpc);
                    let mut at = start;
                    while at + step - 1 <= end {
                        let cand = Ipv4Net::new(std::net::Ipv4Addr::from(at as u32), want).unwrap();
                        prop_assert!(used.iter().any(|u| cidr::overlaps(cand, *u)), "{} was free", cand);
                        at += step;
                    }
                }
            }
        }
    }
}
