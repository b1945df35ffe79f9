import SwiftCompilerPlugin
import SwiftSyntaxMacros

@main
struct ParkMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [MemberwiseInitMacro.self, TableRowMacro.self]
}
