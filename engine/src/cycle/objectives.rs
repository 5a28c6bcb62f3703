//! Security objectives and their measurements (clauses 6.2 and 9.1): an
//! indicator with a target and a direction, measured over time.

use crate::model::key_table;
use crate::model::{ClauseId, ControlId, Date, ObjectiveId, PersonId};
use serde::{Deserialize, Serialize};

/// Which side of the target is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The value should be at least the target (e.g. "% staff trained").
    #[default]
    AtLeast,
    /// The value should be at most the target (e.g. "days to patch").
    AtMost,
}

key_table!(Direction {
    AtLeast => "at_least",
    AtMost => "at_most",
});

impl Direction {
    /// Whether `value` meets `target` in this direction (equal meets).
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Direction::AtLeast => value >= target,
            Direction::AtMost => value <= target,
        }
    }
}

/// One measurement of an objective's indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The day the value was measured (one measurement per day).
    pub date: Date,
    /// The indicator's value, in the objective's unit; always finite.
    pub value: f64,
    /// How it was measured, or what explains it.
    #[serde(default)]
    pub note: String,
}

/// A measurable security objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// Stable id, e.g. "OBJ-0001".
    pub id: ObjectiveId,
    /// What the organisation wants to achieve.
    pub title: String,
    /// Why, and how the indicator is measured.
    #[serde(default)]
    pub description: String,
    /// Who answers for the objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonId>,
    /// The measurable indicator, e.g. "staff who finished the yearly training".
    #[serde(default)]
    pub indicator: String,
    /// The indicator's unit, e.g. "%", "days", "incidents".
    #[serde(default)]
    pub unit: String,
    /// Whether higher or lower values are better.
    #[serde(default)]
    pub direction: Direction,
    /// The value to reach; always finite.
    pub target: f64,
    /// When the target should be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Clauses the objective serves (usually 6.2).
    #[serde(default)]
    pub clauses: Vec<ClauseId>,
    /// Controls whose effect the indicator shows.
    #[serde(default)]
    pub controls: Vec<ControlId>,
    /// Measurements, oldest first, one per date.
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

impl Objective {
    /// An objective with an id, a title and a target, and nothing else.
    pub fn new(id: ObjectiveId, title: impl Into<String>, target: f64) -> Self {
        Objective {
            id,
            title: title.into(),
            description: String::new(),
            owner: None,
            indicator: String::new(),
            unit: String::new(),
            direction: Direction::AtLeast,
            target,
            due: None,
            clauses: Vec::new(),
            controls: Vec::new(),
            measurements: Vec::new(),
        }
    }

    /// The most recent measurement.
    pub fn latest(&self) -> Option<&Measurement> {
        self.measurements.iter().max_by_key(|m| m.date)
    }

    /// Whether the latest measurement meets the target; `None` before the
    /// first measurement.
    pub fn on_target(&self) -> Option<bool> {
        self.latest()
            .map(|m| self.direction.meets(m.value, self.target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_measurement_decides_whether_it_is_on_target() {
        let d = |s: &str| Date::parse(s).unwrap();
        let mut o = Objective::new(ObjectiveId::try_new("OBJ-0001").unwrap(), "Patch", 14.0);
        o.direction = Direction::AtMost;
        assert_eq!(o.on_target(), None);
        let m = |date, value| Measurement {
            date: d(date),
            value,
            note: String::new(),
        };
        o.measurements = vec![m("2026-02-01", 20.0), m("2026-01-01", 10.0)];
        assert_eq!(o.on_target(), Some(false), "February's 20 days is latest");
        o.measurements.push(m("2026-03-01", 14.0));
        assert_eq!(o.on_target(), Some(true), "equal meets");
        assert!(Direction::AtLeast.meets(95.0, 90.0));
        assert!(!Direction::AtLeast.meets(85.0, 90.0));
    }
}
