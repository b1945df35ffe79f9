/// A GRDB record's mapping to its table's rows, written from its stored properties, each the
/// column of the same name, so that a column is named once, where the record declares it:
/// - `Columns`: a `Column` for each property, for requests (`Columns.tenantId == id`);
/// - `init(row:)`: each column read by name (never by position), a NULL or a value of another
///   type an error rather than a crash, a column the query left out nil for an optional
///   property; a column the table has and the record does not declare is ignored;
/// - `encode(to:)`: each property into its column, for GRDB's inserts and updates;
/// - the memberwise initialiser, when the struct declares an initialiser of its own (Swift then
///   gives it none);
/// - for a `MutablePersistableRecord` whose `id` is an `Int64?`, `didInsert(_:)`, which sets it
///   to the rowid SQLite gave the new row;
/// - for a `PreparedInsertRecord`, `insertSQL` and `insertArguments`: every column in the order
///   declared, but an `Int64?` `id`, which SQLite gives.
/// A record that converts a column (a date, an enum) does it in its own conversion to and from
/// the core values, never in the row mapping.
@attached(extension, names: named(Columns), named(init), named(encode), named(didInsert), named(insertSQL), named(insertArguments))
public macro TableRow() = #externalMacro(module: "ParkMacros", type: "TableRowMacro")
