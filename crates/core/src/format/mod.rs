//! The saved JSON format: a versioned envelope `{format, version, design}` around DTO
//! types of their own ([`dto`], converted by `to_dto.rs` and `from_dto.rs`), pure
//! migrations between versions (`migrate.rs`), and loading that never panics and says
//! where and what is wrong.
//!
//! Documented in docs/format.md; its JSON Schema is docs/netwright.schema.json.

pub mod dto;
mod error;
mod from_dto;
mod migrate;
mod to_dto;

pub use error::LoadError;
pub use migrate::{migrate, Migration, MIGRATIONS};

use serde_json::Value;

use crate::model::Topology;

/// The `format` value of every Netwright design file.
pub const FORMAT: &str = "netwright-topology";
/// The version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u64 = 2;

/// Writes the design in the canonical saved form: pretty-printed, keys in a fixed
/// order, a trailing newline.
///
/// ```
/// use netwright_core::{format, templates};
/// let t = templates::smartinvoice();
/// assert_eq!(format::load(&format::save(&t)).unwrap(), t);
/// ```
pub fn save(topology: &Topology) -> String {
    let envelope = dto::Envelope::from_model(topology);
    // Serialising plain structs, strings and finite numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&envelope).expect("DTOs always serialise");
    s.push('\n');
    s
}

/// Reads a design from text in any supported version.
pub fn load(text: &str) -> Result<Topology, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(LoadError::syntax)?;
    let version = check_envelope(&value)?;
    // The DTOs are always deserialised from text, so that errors carry line and
    // column, and so that the program holds one copy of their deserialiser (one from
    // `Value` as well would add tens of KB to the wasm bundle). A migrated design is
    // written back to text first; that is rare and cheap.
    let envelope: dto::Envelope = if version == CURRENT_VERSION {
        deserialize(&mut serde_json::Deserializer::from_str(text))?
    } else {
        let migrated = migrate(value, version, MIGRATIONS)?.to_string();
        deserialize(&mut serde_json::Deserializer::from_str(&migrated))?
    };
    envelope.into_model()
}

/// Deserialises the envelope, naming the JSON path of a shape error.
#[cfg(feature = "json-paths")]
fn deserialize<'de, D>(de: D) -> Result<dto::Envelope, LoadError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    serde_path_to_error::deserialize(de).map_err(LoadError::schema)
}

/// Deserialises the envelope; shape errors carry line and column only.
#[cfg(not(feature = "json-paths"))]
fn deserialize<'de, D>(de: D) -> Result<dto::Envelope, LoadError>
where
    D: serde::Deserializer<'de, Error = serde_json::Error>,
{
    serde::Deserialize::deserialize(de).map_err(LoadError::shape)
}

/// Checks `format` and `version` and returns the version.
fn check_envelope(value: &Value) -> Result<u64, LoadError> {
    let Some(obj) = value.as_object() else {
        return Err(LoadError::not_netwright("the file is not a JSON object"));
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(LoadError::not_netwright(&format!(
                "\"format\" is \"{f}\", not \"{FORMAT}\": this is not a Netwright design"
            )))
        }
        Some(_) => return Err(LoadError::not_netwright("\"format\" must be a string")),
        None => {
            return Err(LoadError::not_netwright(
                "no \"format\" field: this is not a Netwright design file",
            ))
        }
    }
    match obj.get("version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if (1..=CURRENT_VERSION).contains(&v) => Ok(v),
            Some(v) if v > CURRENT_VERSION => Err(LoadError::version(format!(
                "format version {v} was written by a newer Netwright; this one reads up to version {CURRENT_VERSION}"
            ))),
            _ => Err(LoadError::version(format!("unknown format version {n}"))),
        },
        Some(other) => Err(LoadError::version(format!(
            "\"version\" must be a whole number, not {other}"
        ))),
        None => Err(LoadError::version("no \"version\" field".to_string())),
    }
}

/// The JSON Schema of the current format, pretty-printed with a trailing newline.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(dto::Envelope);
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas serialise");
    s.push('\n');
    s
}
