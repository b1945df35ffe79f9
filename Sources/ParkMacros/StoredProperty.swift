import SwiftSyntax

/// A stored property of a struct that an initialiser sets: not static, not lazy, not computed,
/// and not a `let` declared with its value. Both macros work from these, in the order declared.
struct StoredProperty {
    var name: String
    var type: TypeSyntax
    /// The value it is declared with (a `var`'s default).
    var initializer: ExprSyntax?

    /// The stored properties `declaration` declares; `macro` names the attribute in an error.
    static func all(in declaration: some DeclGroupSyntax, macro: String) throws -> [StoredProperty] {
        try declaration.memberBlock.members.flatMap { member in
            try member.decl.as(VariableDeclSyntax.self).map { try properties(of: $0, macro: macro) } ?? []
        }
    }

    /// The properties one declaration adds.
    private static func properties(of variable: VariableDeclSyntax, macro: String) throws -> [StoredProperty] {
        let skipped: Set<Keyword> = [.static, .class, .lazy]
        if variable.modifiers.contains(where: { modifier in
            if case .keyword(let keyword) = modifier.name.tokenKind { return skipped.contains(keyword) }
            return false
        }) {
            return []
        }
        let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
        return try variable.bindings.compactMap { binding -> StoredProperty? in
            guard isStored(binding), !(isLet && binding.initializer != nil) else { return nil }
            guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text else {
                throw MacroError("\(macro) needs each stored property named on its own, not \(binding.pattern.trimmedDescription)")
            }
            guard let type = binding.typeAnnotation?.type.trimmed else {
                throw MacroError("\(macro) needs the type of \(name) written out")
            }
            return StoredProperty(name: name, type: type, initializer: binding.initializer?.value.trimmed)
        }
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

/// Why a macro cannot expand, shown by the compiler at the attribute.
struct MacroError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
