//! Plans grown along one dimension: the shapes that once cost more than linear time
//! (the scaling benchmark and the hostile suite use them).

use std::fmt::Write as _;

/// The shapes that once cost more than linear time somewhere in planc: each a plan a
/// generator or a large group could write, grown along one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Unit `i` reports to unit `i - 1`: one line of command `n` deep.
    ReportChain,
    /// The same chain closed into a loop (an error the checker must find cheaply).
    ReportCycle,
    /// Unit `i` stands in for unit `i - 1`.
    BackupChain,
    /// The backup chain closed into a ring.
    BackupRing,
    /// The `n` actions of one level, each `after` the one before.
    AfterChain,
    /// `n` levels sharing one block of `n` actions (`on level L1, …, Ln`).
    LevelsActions,
    /// One level whose `when` is `n` comparisons joined by `and`.
    LongWhen,
}

/// Every shape with the name the benchmark and the example use.
pub const SHAPES: [(&str, Shape); 7] = [
    ("report-chain", Shape::ReportChain),
    ("report-cycle", Shape::ReportCycle),
    ("backup-chain", Shape::BackupChain),
    ("backup-ring", Shape::BackupRing),
    ("after-chain", Shape::AfterChain),
    ("levels-actions", Shape::LevelsActions),
    ("long-when", Shape::LongWhen),
];

impl Shape {
    /// The shape a name stands for.
    pub fn named(name: &str) -> Option<Shape> {
        SHAPES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }
}

/// A plan of shape `shape` grown to `n`, its units named with `prefix` (two prefixes
/// give two plans whose units all differ: the worst case of a diff).
pub fn shaped(shape: Shape, n: usize, prefix: &str) -> String {
    let n = n.max(1);
    let mut s = String::with_capacity(n * 80 + 1000);
    s.push_str("plan \"形状\" { approver 总指挥 }\nrole 总指挥 { holder \"主要负责人\" }\n");
    let units = matches!(
        shape,
        Shape::ReportChain | Shape::ReportCycle | Shape::BackupChain | Shape::BackupRing
    );
    if units {
        shape_units(&mut s, shape, n, prefix);
    }
    let levels = if shape == Shape::LevelsActions {
        n.min(crate::model::MAX_LEVELS)
    } else {
        1
    };
    for i in 1..=levels {
        let when = if shape == Shape::LongWhen {
            (0..n)
                .map(|k| format!("reach >= {}", 1000 + k))
                .collect::<Vec<_>>()
                .join(" and ")
        } else {
            format!("reach >= {}", 100_000_000 - i)
        };
        let _ = writeln!(
            s,
            "level L{i} {{ rank {i} criteria \"标准\" when {when} declared_by 总指挥 stand_down \"平息\" if heat < 1 for 1h }}"
        );
    }
    let names: Vec<String> = (1..=levels).map(|i| format!("L{i}")).collect();
    let _ = writeln!(s, "on level {} {{", names.join(", "));
    let owner = if units {
        format!("{prefix}{}", n - 1)
    } else {
        "总指挥".to_string()
    };
    let actions = match shape {
        Shape::AfterChain | Shape::LevelsActions => n,
        _ => 1,
    };
    for i in 0..actions {
        let after = if shape == Shape::AfterChain && i > 0 {
            format!(" after 行动{}", i - 1)
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "  action 行动{i} {{ owner {owner} within 30m{after} deliver statement }}"
        );
    }
    s.push_str("}\n");
    s
}

/// The `n` units of a chain or ring of reporting lines or backups.
fn shape_units(s: &mut String, shape: Shape, n: usize, prefix: &str) {
    for i in 0..n {
        let prev = if i == 0 {
            match shape {
                Shape::ReportCycle | Shape::BackupRing => format!("{prefix}{}", n - 1),
                _ => "总指挥".to_string(),
            }
        } else {
            format!("{prefix}{}", i - 1)
        };
        let link = match shape {
            Shape::ReportChain | Shape::ReportCycle => format!("reports_to {prev} within 30m"),
            _ => format!("backup {prev}"),
        };
        let _ = writeln!(s, "unit {prefix}{i} {{ head \"负责人\" {link} }}");
    }
}
