//! The core's share of the browser bundle: a wasm module that calls everything the
//! app calls in `netwright_core` and nothing else (see `scripts/size-floor.sh`).
//! With the `exporters` feature it also exports, makes share links, imports and
//! compares (what the app uses only once the design is on screen).
//!
//! Every function takes its inputs from JavaScript, so nothing it calls can be
//! evaluated at compile time and left out; hence the long parameter lists.
#![allow(clippy::too_many_arguments)]
use netwright_core::diagram::{layout, svg};
use netwright_core::edit::{gestures, ops, History};
use netwright_core::model::{parse_ports, EntityKind, EntityRef, Peer, Protocol};
use netwright_core::templates::{self, NatStrategy, WizardOptions};
use netwright_core::{catalog, cidr, cost, format, order, validate, Id, Severity, Topology};
use wasm_bindgen::prelude::*;

fn kind(k: u32) -> EntityKind {
    match k {
        0 => EntityKind::Design,
        1 => EntityKind::Vpc,
        2 => EntityKind::Subnet,
        3 => EntityKind::InternetGateway,
        4 => EntityKind::NatGateway,
        5 => EntityKind::RouteTable,
        6 => EntityKind::SecurityGroup,
        _ => EntityKind::IamRole,
    }
}
fn proto(p: u32) -> Protocol {
    match p {
        0 => Protocol::Tcp,
        1 => Protocol::Udp,
        2 => Protocol::Icmp,
        _ => Protocol::All,
    }
}
fn load(text: &str) -> Result<Topology, String> {
    format::load(text).map_err(|e| e.to_string())
}

/// Load + validate: number of diagnostics (errors*1000 + total), or error text.
#[wasm_bindgen]
pub fn load_validate(text: &str) -> Result<u32, String> {
    let t = load(text)?;
    let ds = validate(&t);
    let errs = ds.iter().filter(|d| d.severity == Severity::Error).count() as u32;
    let msg_len: usize = ds
        .iter()
        .map(|d| d.message.len() + d.code.len() + d.field.as_deref().map_or(0, str::len))
        .sum();
    Ok(errs * 1_000_000 + ds.len() as u32 * 1000 + (msg_len % 1000) as u32)
}

/// Diagnostics as text.
#[wasm_bindgen]
pub fn diagnostics_text(text: &str) -> Result<String, String> {
    let t = load(text)?;
    Ok(validate(&t)
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {} {}\n",
                d.code,
                d.severity.as_str(),
                d.entity.id,
                d.field.as_deref().unwrap_or("-"),
                d.message
            )
        })
        .collect())
}

/// Load then save.
#[wasm_bindgen]
pub fn save_roundtrip(text: &str) -> Result<String, String> {
    Ok(format::save(&load(text)?))
}

/// Template: "smartinvoice" or wizard with the given options; returns saved text.
#[wasm_bindgen]
pub fn template(
    name: &str,
    region: &str,
    vpc_cidr: &str,
    az: u8,
    public: u8,
    private: u8,
    prefix: u8,
    nat: &str,
) -> Result<String, String> {
    let t = if name == "smartinvoice" {
        templates::smartinvoice()
    } else {
        templates::wizard(&WizardOptions {
            name: name.into(),
            region: region.into(),
            vpc_cidr: vpc_cidr.into(),
            az_count: az,
            public_per_az: public,
            private_per_az: private,
            public_prefix: prefix,
            private_prefix: prefix,
            nat: NatStrategy::parse(nat).unwrap_or_default(),
        })
        .map_err(|e| e.0)?
    };
    Ok(format::save(&t))
}

/// Layout + svg: render, parts, defs.
#[wasm_bindgen]
pub fn diagram(text: &str, parts_only: bool) -> Result<String, String> {
    let t = load(text)?;
    let ds = validate(&t);
    let d = layout(&t, &ds);
    let mut out = svg::defs();
    if parts_only {
        for p in svg::parts(&d) {
            out.push_str(&p);
        }
        out.push_str(&svg::n(d.shapes.len() as f64 * 1.5));
    } else {
        out.push_str(&svg::render(&d));
    }
    Ok(out)
}

/// Edit commands through History: op 0 add, 1 duplicate, 2 delete, 3 set_field,
/// 4 add_subnet, 5 move_subnet, 6 connect; then undo/redo per flags. Returns saved text + labels.
#[wasm_bindgen]
pub fn edit(
    text: &str,
    op: u32,
    k: u32,
    id: &str,
    a: &str,
    b: &str,
    n: u32,
    undo: bool,
    redo: bool,
) -> Result<String, String> {
    let mut t = load(text)?;
    let mut h = History::new();
    let r = EntityRef::new(kind(k), &Id::new(id));
    let edit = match op {
        0 => ops::add(&t, kind(k), if id.is_empty() { None } else { Some(&r.id) })?.0,
        1 => ops::duplicate(&t, &r)?.0,
        2 => ops::delete(&t, &r)?,
        3 => ops::set_field(&t, &r, a, b).ok_or("bad field")?,
        4 => ops::set_field(&t, &r, a, b).ok_or("bad field")?,
        5 => {
            gestures::add_subnet(
                &t,
                &r.id,
                gestures::next_zone(&t, &r.id).as_deref().unwrap_or(a),
                gestures::SUBNET_PREFIXES[n as usize % 9],
            )?
            .0
        }
        6 => gestures::move_subnet(&t, &r.id, a)?,
        _ => {
            let (from, to) = parse_ports(proto(n), b).map_err(|e| e.to_string())?;
            let src = if a.contains('/') {
                Peer::Cidr(a.into())
            } else {
                Peer::SecurityGroup(Id::new(a))
            };
            gestures::connect(&t, &src, &r.id, proto(n), from, to)?
        }
    };
    if op == 4 {
        h.apply_coalesced(&mut t, edit, "Coalesced", a)
            .map_err(|e| e.to_string())?;
        h.seal();
    } else {
        h.apply(&mut t, edit, format!("Op {op}"))
            .map_err(|e| e.to_string())?;
    }
    let mut labels = String::new();
    if undo {
        labels.push_str(&h.undo(&mut t).unwrap_or_default());
    }
    if redo {
        labels.push_str(&h.redo(&mut t).unwrap_or_default());
    }
    labels.push_str(h.undo_label().unwrap_or(""));
    labels.push_str(&ops::get_field(&t, &r, a).unwrap_or_default());
    Ok(format!("{labels}\n{}", format::save(&t)))
}

/// Misc helpers the app calls: cidr, catalog, order.
#[wasm_bindgen]
pub fn misc(c: &str, region: &str) -> String {
    let mut zones = catalog::availability_zones(region);
    order::sort(&mut zones);
    order::sort_by(&mut zones, |a, b| b.cmp(a));
    let size = cidr::parse(c)
        .map(|c| cidr::size(c.net.prefix_len()) + cidr::usable_addresses(c.net.prefix_len()))
        .unwrap_or(0);
    format!("{} {} {}", zones.join(","), size, cidr::is_default_route(c))
}

/// The monthly estimate as the status bar and the Cost panel show it.
#[wasm_bindgen]
pub fn estimate(text: &str, nat_gb: u32, region: &str) -> Result<String, String> {
    let t = load(text)?;
    let e = cost::estimate(&t, u64::from(nat_gb));
    let mut out = format!(
        "{} {} {} {} {}\n",
        cost::dollars(e.monthly),
        cost::per_hour(e.hourly),
        e.incomplete,
        cost::nat_price(region).map_or(0, |p| p.gb),
        cost::PRICES_SOURCE
    );
    for l in &e.lines {
        out.push_str(&format!(
            "{} {} {}\n",
            l.item,
            l.hourly.map(cost::per_hour).unwrap_or_default(),
            l.monthly.map(cost::dollars).unwrap_or_default()
        ));
    }
    out.push_str(&e.notes.join("\n"));
    Ok(out)
}

/// Reachability as the Reach panel and the group inspector ask it: one question
/// between two named ends (the path in words, the fix's edit applied), the matrix,
/// and one cell.
#[wasm_bindgen]
pub fn reach(text: &str, from: &str, to: &str, traffic: &str, port: i32) -> Result<String, String> {
    use netwright_core::reach::{self, Endpoint, Traffic};
    let mut t = load(text)?;
    let (a, b) = (Endpoint::resolve(&t, from)?, Endpoint::resolve(&t, to)?);
    let traffic = Traffic::parse(traffic).ok_or("bad traffic")?;
    let answer = reach::reach(&t, a, b, traffic, u16::try_from(port).ok()).map_err(|e| e.0)?;
    let mut out = String::new();
    for h in &answer.path {
        out.push_str(&format!(
            "{} {} {} {} {:?}\n",
            h.allowed,
            h.name,
            h.why,
            h.field.as_deref().unwrap_or(""),
            h.entity.as_ref().map(|e| e.kind.label())
        ));
    }
    if let Some(edit) = answer.blocked_at.and_then(|h| h.fix).and_then(|f| f.edit) {
        edit.apply(&mut t).map_err(|e| e.to_string())?;
    }
    let m = reach::matrix(&t);
    for c in &m.cells {
        out.push_str(&format!("{} {} {}\n", c.from, c.to, c.open.len()));
    }
    let open = reach::open(&t, Endpoint::Internet, b);
    out.push_str(&format!(
        "{} {}",
        m.endpoints.len(),
        open.iter().map(|o| o.ports.as_str()).collect::<String>()
    ));
    Ok(out)
}

#[cfg(feature = "exporters")]
use netwright_core::{export, share};

#[cfg(feature = "exporters")]
/// Every exporter by name (with cautions), plus metadata.
#[wasm_bindgen]
pub fn export_text(text: &str, fmt: &str) -> Result<String, String> {
    let t = load(text)?;
    let e = export::export_with_cautions(&t, fmt).map_err(|e| e.to_string())?;
    let x = export::exporter(fmt).ok_or("unknown")?;
    Ok(format!(
        "{}\n{}\n{}\n{}\n{}",
        x.file_name(&export::file_stem(&t.name)),
        x.media_type(),
        x.description(),
        e.cautions.join("\n"),
        e.text
    ))
}

#[cfg(feature = "exporters")]
/// Exporter names (menu).
#[wasm_bindgen]
pub fn exporter_names() -> String {
    export::exporters()
        .iter()
        .map(|e| e.name())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(feature = "exporters")]
/// Plain export (as the svg picture uses it).
#[wasm_bindgen]
pub fn export_plain(text: &str, fmt: &str) -> Result<String, String> {
    export::export(&load(text)?, fmt).map_err(|e| e.to_string())
}

#[cfg(feature = "exporters")]
/// Share link encode.
#[wasm_bindgen]
pub fn share_encode(text: &str) -> Result<String, String> {
    Ok(share::to_fragment(&load(text)?))
}

#[cfg(feature = "exporters")]
/// Share link decode -> saved text.
#[wasm_bindgen]
pub fn share_decode(fragment: &str) -> Result<String, String> {
    share::from_fragment(fragment)
        .map(|t| format::save(&t))
        .map_err(|e| e.to_string())
}

/// The designs library's entry of a design, stored and read back (the first load
/// needs it: start-up lists the library).
#[wasm_bindgen]
pub fn library_entry(text: &str, id: &str, now: u64, taken: &str) -> Result<String, String> {
    use netwright_core::library::{self, Entry};
    let t = load(text)?;
    let saved = format::save(&t);
    let entry = Entry::describe(id, &t, &saved, 1, now, false);
    let back = Entry::from_json(&entry.to_json()).ok_or("unreadable")?;
    let mut list = vec![back.clone()];
    library::sort(&mut list);
    let names: Vec<&str> = taken.split(',').collect();
    Ok(format!(
        "{} {} {:?} {:?} {:?} {} {}",
        back.summary(),
        library::copy_name(&t.name, "copy", &names),
        library::write(entry.rev, Some(now)),
        library::heard(entry.rev, now, true),
        library::recover(entry.rev, &entry.digest, Some((now, id))),
        library::ago(now, entry.modified).unwrap_or_default(),
        library::bytes(now)
    ))
}

#[cfg(feature = "exporters")]
/// Imports AWS describe outputs (files separated by NUL) or a template, as the Import
/// dialog does, and compares the result with a design, as Compare does.
#[wasm_bindgen]
pub fn import_and_diff(
    files: &str,
    template: bool,
    design: &str,
    region: &str,
) -> Result<String, String> {
    use netwright_core::import::{aws, cloudformation, command, Source};
    let sources: Vec<Source<'_>> = files
        .split('\0')
        .map(|text| Source { name: "file", text })
        .collect();
    let imported = if template {
        cloudformation::import(&sources[0], &cloudformation::Options::default())
    } else {
        aws::import(&sources, &aws::Options::default())
    }
    .map_err(|e| e.to_string())?;
    let other = load(design)?;
    let changes = netwright_core::diff::diff(&other, &imported.design);
    Ok(format!(
        "{}\n{}\n{}",
        command::capture_command(region),
        netwright_core::diff::to_json(&changes),
        imported
            .notes
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    ))
}
