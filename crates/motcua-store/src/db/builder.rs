//! A small builder for queries with optional filters: each clause names its
//! parameters `$?`, numbered as they are added.

use super::Value;

pub struct QueryBuilder {
    pub sql: String,
    pub args: Vec<Value>,
}

impl QueryBuilder {
    /// Starts from `sql`, whose own parameters are `args` (`$1`, `$2` ...).
    pub fn new(sql: impl Into<String>, args: Vec<Value>) -> Self {
        QueryBuilder { sql: sql.into(), args }
    }

    /// Appends `clause`, replacing each `$?` by the next parameter number,
    /// bound to `values` in order.
    pub fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Value>) -> &mut Self {
        let mut parts = clause.split("$?");
        self.sql.push_str(parts.next().unwrap_or_default());
        let mut values = values.into_iter();
        for part in parts {
            let v = values.next().expect("one value per $? in the clause");
            self.args.push(v);
            self.sql.push_str(&format!("${}", self.args.len()));
            self.sql.push_str(part);
        }
        self
    }

    /// Appends `values` as a comma-separated list of parameters (for an
    /// `IN (...)` the caller opens and closes).
    pub fn push_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        for (i, v) in values.into_iter().enumerate() {
            self.push(if i == 0 { "$?" } else { ", $?" }, [v.into()]);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parameters_in_order() {
        let mut q = QueryBuilder::new("SELECT 1 WHERE a = $1", vec![Value::I64(1)]);
        q.push(" AND (b, c) > ($?, $?)", [Value::I64(2), Value::I64(3)]);
        q.push(" LIMIT $?", [Value::I64(4)]);
        assert_eq!(q.sql, "SELECT 1 WHERE a = $1 AND (b, c) > ($2, $3) LIMIT $4");
        assert_eq!(q.args.len(), 4);
    }
}
