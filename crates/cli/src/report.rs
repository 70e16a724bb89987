//! Diagnostics as text for people (compiler-like) and as JSON for machines.

use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::{Diagnostic, Severity, Topology};
use serde_json::{json, Value};

/// `subnet "smartinvoice-public-1a" (subnet-public-1a).cidr`
pub fn entity_path(t: &Topology, entity: &EntityRef, field: Option<&str>) -> String {
    let mut s = if entity.kind == EntityKind::Design {
        "design".to_string()
    } else {
        match t.find(&entity.id) {
            Some((_, name)) => format!("{} {:?} ({})", entity.kind, name, entity.id),
            None => format!("{} ({})", entity.kind, entity.id),
        }
    };
    if let Some(f) = field {
        s.push('.');
        s.push_str(f);
    }
    s
}

/// One diagnostic in the compiler-like text form.
pub fn text(file: &str, t: &Topology, d: &Diagnostic) -> String {
    let mut s = format!(
        "{}[{}]: {}\n  --> {file}: {}\n",
        d.severity,
        d.code,
        d.message,
        entity_path(t, &d.entity, d.field.as_deref())
    );
    if let Some(fix) = &d.fix {
        s.push_str(&format!("  = fix: {}\n", fix.label));
    }
    s
}

/// One diagnostic as a JSON object.
pub fn json(t: &Topology, d: &Diagnostic) -> Value {
    let name = t.find(&d.entity.id).map(|(_, n)| n.to_string());
    json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "entity": {
            "kind": d.entity.kind.collection(),
            "id": d.entity.id.as_str(),
            "name": name,
        },
        "field": d.field,
        "path": entity_path(t, &d.entity, d.field.as_deref()),
        "message": d.message,
        "fix": d.fix.as_ref().map(|f| json!({"label": f.label, "replacement": f.replacement})),
    })
}

/// `1 error, 2 warnings, 0 infos`.
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "note")
    )
}
