//! Migrations: one pure function per version step, applied in order to the raw JSON.
//!
//! `MIGRATIONS[0]` turns a version-1 document into a version-2 one (version 2 added
//! network ACLs and workloads). Files written by any version keep loading forever
//! (tests/fixtures/format holds one of each version). The next version adds its DTO
//! changes in `dto/` and one step here.

use serde_json::Value;

use super::LoadError;

/// One version step: takes a document of version `n` and returns version `n + 1`.
pub type Migration = fn(Value) -> Result<Value, LoadError>;

/// The real steps: `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 1 -> 2: the design gains `network_acls` and `workloads`, both empty. A
/// version-1 design has no ACL of its own, so every subnet keeps its VPC's default
/// ACL (allow all), and it places no workload: its meaning is unchanged.
fn v1_to_v2(mut doc: Value) -> Result<Value, LoadError> {
    let Some(design) = doc.get_mut("design").and_then(Value::as_object_mut) else {
        // The DTO step reports a missing or malformed design with its position.
        return Ok(doc);
    };
    for key in ["network_acls", "workloads"] {
        if design.contains_key(key) {
            return Err(LoadError::invalid(
                format!("design.{key}"),
                format!("a version-1 file cannot hold \"{key}\" (it came with version 2)"),
            ));
        }
        design.insert(key.into(), Value::Array(Vec::new()));
    }
    Ok(doc)
}

/// Applies `steps` to a document of version `from` (1-based) until the last version,
/// updating the envelope's `version` after each step.
pub fn migrate(mut doc: Value, from: u64, steps: &[Migration]) -> Result<Value, LoadError> {
    let first = usize::try_from(from.saturating_sub(1)).unwrap_or(usize::MAX);
    for (i, step) in steps.iter().enumerate().skip(first) {
        doc = step(doc)?;
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("version".into(), Value::from(i as u64 + 2));
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::CURRENT_VERSION;
    use serde_json::json;

    // Two made-up steps, standing for future versions: v1 -> v2 renames a field,
    // v2 -> v3 fills a new one in.
    fn rename_region(mut doc: Value) -> Result<Value, LoadError> {
        let design = doc["design"].as_object_mut().unwrap();
        let region = design.remove("region").unwrap_or(Value::Null);
        design.insert("aws_region".into(), region);
        Ok(doc)
    }

    fn add_notes(mut doc: Value) -> Result<Value, LoadError> {
        doc["design"]["notes"] = json!("");
        Ok(doc)
    }

    #[test]
    fn steps_run_in_order_from_the_document_version() {
        let steps: &[Migration] = &[rename_region, add_notes];
        let v1 = json!({"format": "netwright-topology", "version": 1, "design": {"region": "eu-west-1"}});
        let out = migrate(v1, 1, steps).unwrap();
        assert_eq!(out["version"], 3);
        assert_eq!(out["design"]["aws_region"], "eu-west-1");
        assert_eq!(out["design"]["notes"], "");

        let v2 =
            json!({"format": "netwright-topology", "version": 2, "design": {"aws_region": "x"}});
        let out = migrate(v2, 2, steps).unwrap();
        assert_eq!(out["version"], 3);
        assert_eq!(out["design"]["aws_region"], "x");
    }

    #[test]
    fn current_version_needs_no_step() {
        let doc = json!({"format": "netwright-topology", "version": CURRENT_VERSION});
        assert_eq!(
            migrate(doc.clone(), CURRENT_VERSION, MIGRATIONS).unwrap(),
            doc
        );
        assert_eq!(MIGRATIONS.len() as u64, CURRENT_VERSION - 1);
    }

    #[test]
    fn version_1_gains_empty_acls_and_workloads() {
        let v1 = json!({"format": "netwright-topology", "version": 1,
                        "design": {"name": "d", "region": "us-east-1", "vpcs": []}});
        let out = migrate(v1, 1, MIGRATIONS).unwrap();
        assert_eq!(out["version"], 2);
        assert_eq!(out["design"]["network_acls"], json!([]));
        assert_eq!(out["design"]["workloads"], json!([]));
        assert_eq!(out["design"]["vpcs"], json!([]));
        let early = json!({"format": "netwright-topology", "version": 1,
                           "design": {"name": "d", "region": "r", "workloads": []}});
        let err = migrate(early, 1, MIGRATIONS).unwrap_err();
        assert_eq!(err.code, "NW007");
        assert_eq!(err.path.as_deref(), Some("design.workloads"));
    }

    #[test]
    fn a_failing_step_stops_the_load() {
        fn refuse(_: Value) -> Result<Value, LoadError> {
            Err(LoadError::invalid("design".into(), "cannot migrate".into()))
        }
        let err = migrate(json!({}), 1, &[refuse]).unwrap_err();
        assert_eq!(err.code, "NW007");
    }
}
