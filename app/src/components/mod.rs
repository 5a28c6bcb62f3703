//! Reusable pieces of the interface.

mod chart;
mod confirm;
mod conflict_dialog;
mod delete_record;
mod delete_risk;
mod diff_view;
mod editor_form;
mod error_banner;
mod form;
mod json_import;
mod level_badge;
mod merge_choices;
mod new_action;
mod open_gate;
mod owner_field;
mod pdca;
mod readiness;
mod register_cells;
mod register_table;
mod risk_matrix;
mod treatment_fields;
mod update_banner;

pub use chart::{Chart, HeatMapTable};
pub use confirm::ConfirmDialog;
pub use conflict_dialog::{value_text, ConflictChoice, ConflictDialog, EDITOR_WORDS};
pub use delete_record::{DeleteRecord, DeleteRecordDialog};
pub use delete_risk::DeleteRiskDialog;
pub use diff_view::DiffView;
pub use editor_form::{
    bulk_choice, close_saved, open_record, record_actions, save_record, DeleteChosen, EditorForm,
};
pub use error_banner::{ErrorBanner, NoticeBanner};
pub use form::{
    choice, choice_of, id_choice, Binding, CheckboxField, Choice, DateField, ErrorLine,
    FieldErrors, FormField, MultiSelectField, NumberField, SelectField, TextAreaField, TextBinding,
    TextField, UnsavedMark,
};
pub use json_import::JsonImport;
pub use level_badge::LevelBadge;
pub use merge_choices::{save_merged, MergeChoices, Pending};
pub use new_action::NewActionForm;
pub use open_gate::{scale_option, OpenWorkspaceGate};
pub use owner_field::{people_options, OwnerField};
pub use pdca::PdcaPanel;
pub use readiness::{
    percent_or_not_assessed, readiness_figure, readiness_memo, readiness_parts, ReadinessLine,
    ReadinessPanel,
};
pub use register_table::{
    select_ids, view_csv, visible_columns, BulkEdit, BulkInput, CellExtra, RegisterTable,
    RowAction, RowExtras, TableColumn, TableRow,
};
pub use risk_matrix::{readable_text_colour, RiskMatrix};
pub use treatment_fields::TreatmentFields;
pub use update_banner::UpdateBanner;
