import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@TableRow` (declared in the `TableRow` module): a GRDB record's mapping to its
/// table's rows, from its stored properties, each the column of the same name.
public struct TableRowMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax, attachedTo declaration: some DeclGroupSyntax, providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        guard declaration.is(StructDeclSyntax.self) else { throw MacroError("@TableRow applies to a struct") }
        let properties = try StoredProperty.all(in: declaration, macro: "@TableRow")
        let columns = properties.map(\.name)
        guard !columns.isEmpty else { throw MacroError("@TableRow needs a stored property for each column") }
        var members = [
            "enum Columns {\n" + columns.map { "static let \($0) = Column(\(literal($0)))" }.joined(separator: "\n") + "\n}",
            "init(row: Row) throws {\n" + columns.map { "self.\($0) = try row.decode(forColumn: \(literal($0)))" }.joined(separator: "\n") + "\n}",
            "func encode(to container: inout PersistenceContainer) {\n"
                + columns.map { "container[\(literal($0))] = \($0)" }.joined(separator: "\n") + "\n}",
        ]
        if declaresInitialiser(declaration) {
            // Swift gives no memberwise initialiser to a struct that declares one of its own.
            let parameters = properties.map { "\($0.name): \($0.type.description)" + ($0.initializer.map { " = \($0.description)" } ?? "") }
            members.append(
                "init(" + parameters.joined(separator: ", ") + ") {\n"
                    + properties.map { "self.\($0.name) = \($0.name)" }.joined(separator: "\n") + "\n}")
        }
        if inherits(declaration, "MutablePersistableRecord"), hasRowID(properties), !declaresFunction(declaration, "didInsert") {
            members.append("mutating func didInsert(_ inserted: InsertionSuccess) {\nid = inserted.rowID\n}")
        }
        if inherits(declaration, "PreparedInsertRecord") {
            let inserted = properties.filter { !($0.name == "id" && hasRowID(properties)) }.map(\.name)
            members.append("static let insertSQL = preparedInsertSQL([" + inserted.map { "Columns.\($0)" }.joined(separator: ", ") + "])")
            members.append("var insertArguments: StatementArguments { [" + inserted.joined(separator: ", ") + "] }")
        }
        let source = "extension \(type.trimmedDescription) {\n" + members.joined(separator: "\n\n") + "\n}"
        guard let extensionDecl = DeclSyntax(stringLiteral: source).as(ExtensionDeclSyntax.self) else {
            throw MacroError("@TableRow could not write the extension of \(type.trimmedDescription)")
        }
        return [extensionDecl]
    }

    /// A column's name as a string literal (a property's name needs no escaping).
    private static func literal(_ name: String) -> String { "\"\(name)\"" }

    /// True for a record whose `id` is an optional `Int64`: SQLite gives a new row its rowid.
    private static func hasRowID(_ properties: [StoredProperty]) -> Bool {
        properties.contains { $0.name == "id" && $0.type.trimmedDescription == "Int64?" }
    }

    /// True when the struct's body declares an initialiser.
    private static func declaresInitialiser(_ declaration: some DeclGroupSyntax) -> Bool {
        declaration.memberBlock.members.contains { $0.decl.is(InitializerDeclSyntax.self) }
    }

    /// True when the struct's body declares a function of that name.
    private static func declaresFunction(_ declaration: some DeclGroupSyntax, _ name: String) -> Bool {
        declaration.memberBlock.members.contains { $0.decl.as(FunctionDeclSyntax.self)?.name.text == name }
    }

    /// True when the declaration names `protocolName` among what it conforms to.
    private static func inherits(_ declaration: some DeclGroupSyntax, _ protocolName: String) -> Bool {
        declaration.inheritanceClause?.inheritedTypes.contains { $0.type.trimmedDescription == protocolName } ?? false
    }
}
