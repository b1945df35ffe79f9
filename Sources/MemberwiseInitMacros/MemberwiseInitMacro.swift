import SwiftSyntax
import SwiftSyntaxMacros

/// Expands `@MemberwiseInit` (declared in the `MemberwiseInit` module).
public struct MemberwiseInitMacro: MemberMacro {
    public static func expansion(
        of node: AttributeSyntax, providingMembersOf declaration: some DeclGroupSyntax, conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let structure = declaration.as(StructDeclSyntax.self) else {
            throw MemberwiseInitError("@MemberwiseInit applies to a struct")
        }
        let access = try accessLevel(of: structure)
        let properties = try structure.memberBlock.members.flatMap { member in
            try member.decl.as(VariableDeclSyntax.self).map(initialisedProperties) ?? []
        }
        let parameters = properties.map(\.parameter).joined(separator: ", ")
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
        throw MemberwiseInitError("@MemberwiseInit makes a public initialiser: \(structure.name.text) is not public or package")
    }

    /// A stored property the initialiser sets.
    private struct Property {
        var name: String
        var parameter: String
    }

    /// The properties one declaration adds that the initialiser sets: stored ones, but for a
    /// `let` declared with a value.
    private static func initialisedProperties(_ variable: VariableDeclSyntax) throws -> [Property] {
        let skipped: Set<Keyword> = [.static, .class, .lazy]
        if variable.modifiers.contains(where: { modifier in
            if case .keyword(let keyword) = modifier.name.tokenKind { return skipped.contains(keyword) }
            return false
        }) {
            return []
        }
        let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
        return try variable.bindings.compactMap { binding -> Property? in
            guard isStored(binding), !(isLet && binding.initializer != nil) else { return nil }
            guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else {
                throw MemberwiseInitError("@MemberwiseInit needs each stored property named on its own, not \(binding.pattern.trimmedDescription)")
            }
            guard let type = binding.typeAnnotation?.type.trimmed else {
                throw MemberwiseInitError("@MemberwiseInit needs the type of \(name) written out")
            }
            let escaping = isFunction(type) ? "@escaping " : ""
            let defaultValue = binding.initializer.map { " = \($0.value.trimmedDescription)" } ?? ""
            return Property(name: name, parameter: "\(name): \(escaping)\(type.trimmedDescription)\(defaultValue)")
        }
    }

    /// True for a closure type, `@Sendable` or not: its parameter escapes into the property.
    private static func isFunction(_ type: TypeSyntax) -> Bool {
        if let attributed = type.as(AttributedTypeSyntax.self) { return isFunction(attributed.baseType) }
        return type.is(FunctionTypeSyntax.self)
    }

    /// True for a stored property, observers (`willSet`, `didSet`) included; false for a computed one.
    private static func isStored(_ binding: PatternBindingSyntax) -> Bool {
        switch binding.accessorBlock?.accessors {
        case nil: return true
        case .getter: return false
        case .accessors(let accessors):
            return accessors.allSatisfy { [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind) }
        }
    }
}

/// Why `@MemberwiseInit` cannot expand, shown by the compiler at the attribute.
struct MemberwiseInitError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
