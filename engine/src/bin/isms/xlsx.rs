//! `isms xlsx`: the Excel workbook of an export, and the preview of
//! importing one register's sheet, as the app's Data page makes them.

use super::{load, print_json, read, Failure};
use engine::{CsvKind, Date};
use std::io::Write;

/// What `isms xlsx` does.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Write the workbook of an export: a sheet per register
    Export {
        /// The workspace export (- for standard input)
        file: String,
        /// The workbook to write (- for standard output)
        output: String,
        /// The date the workbook says it was made [default: today's date, UTC]
        #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
        today: Option<Date>,
    },
    /// Preview importing one register's sheet of a workbook into an export
    /// (JSON: rows to add, rows to update field by field, unchanged rows, or
    /// every problem with its row and column; exit 1 on problems)
    Preview {
        /// The workspace export (- for standard input)
        file: String,
        /// The workbook (.xlsx)
        workbook: String,
        /// The register to read: assets, risks, soa, documents, incidents or
        /// nonconformities
        #[arg(long, default_value = "risks")]
        register: String,
    },
}

pub fn run(command: &Command) -> Result<(), Failure> {
    match command {
        Command::Export {
            file,
            output,
            today,
        } => {
            let workspace = load(file)?;
            let bytes = engine::xlsx_export(&workspace, today.or_else(super::today))
                .map_err(|e| Failure(e, 1))?;
            let written = if output == "-" {
                std::io::stdout().write_all(&bytes)
            } else {
                std::fs::write(output, &bytes)
            };
            written.map_err(|e| Failure(format!("cannot write {output}: {e}"), 1))
        }
        Command::Preview {
            file,
            workbook,
            register,
        } => {
            let kind = CsvKind::from_name(register).ok_or_else(|| {
                let names: Vec<&str> = CsvKind::ALL.iter().map(|k| k.name()).collect();
                Failure(
                    format!(
                        "unknown register {register:?}; use one of: {}",
                        names.join(", ")
                    ),
                    2,
                )
            })?;
            let workspace = load(file)?;
            let bytes = read(workbook)?;
            match engine::xlsx_preview(&workspace, kind, &bytes) {
                Ok(preview) => print_json(&preview),
                Err(problems) => {
                    print_json(&problems)?;
                    Err(Failure(String::new(), 1))
                }
            }
        }
    }
}
