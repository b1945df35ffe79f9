import SwiftCompilerPlugin
import SwiftSyntaxMacros

@main
struct MemberwiseInitPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [MemberwiseInitMacro.self]
}
