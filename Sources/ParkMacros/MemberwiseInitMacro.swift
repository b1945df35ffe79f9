import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@MemberwiseInit` (declared in the `MemberwiseInit` module).
public struct MemberwiseInitMacro: MemberMacro {
    public static func expansion(
        of node: AttributeSyntax, providingMembersOf declaration: some DeclGroupSyntax, conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let structure = declaration.as(StructDeclSyntax.self) else {
            throw MacroError("@MemberwiseInit applies to a struct")
        }
        let access = try accessLevel(of: structure)
        let properties = try StoredProperty.all(in: structure, macro: "@MemberwiseInit")
        let parameters = properties.map(parameter(for:)).joined(separator: ", ")
        let assignments = properties.map { "self.\($0.name) = \($0.name)" }.joined(separator: "\n")
        return ["\(raw: access) init(\(raw: parameters)) {\n\(raw: assignments)\n}"]
    }

    /// `public` or `package`: an internal struct has Swift's own memberwise initialiser.
    private static func accessLevel(of structure: StructDeclSyntax) throws -> String {
        for modifier in structure.modifiers {
            switch modifier.name.tokenKind {
            case .keyword(.public), .keyword(.open): return "public"
            case .keyword(.package): return "package"
            default: continue
            }
        }
        throw MacroError("@MemberwiseInit makes a public initialiser: \(structure.name.text) is not public or package")
    }

    /// The initialiser's parameter for a property: its name, its type (a closure's escaping) and
    /// a `var`'s declared value as its default.
    private static func parameter(for property: StoredProperty) -> String {
        let escaping = isFunction(property.type) ? "@escaping " : ""
        let defaultValue = property.initializer.map { " = \($0.description)" } ?? ""
        return "\(property.name): \(escaping)\(property.type.description)\(defaultValue)"
    }

    /// True for a closure type, `@Sendable` or not: its parameter escapes into the property.
    private static func isFunction(_ type: TypeSyntax) -> Bool {
        if let attributed = type.as(AttributedTypeSyntax.self) { return isFunction(attributed.baseType) }
        return type.is(FunctionTypeSyntax.self)
    }
}
