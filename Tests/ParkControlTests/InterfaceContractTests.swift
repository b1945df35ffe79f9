import InterfaceTestSupport
import ParkControl
import Testing

@Suite("Interface definitions agree with their Swift types")
struct InterfaceContractTests {
    @Test(
        "every method's parameters and reply, and every type, have the fields of their Swift types, optional alike; every member and field has a comment",
        arguments: ParkInterfaces.all.map(\.name))
    func agrees(_ name: String) throws {
        let interface = try #require(ParkInterfaces.all.first { $0.name == name })
        for disagreement in InterfaceContract(interface).disagreements {
            Issue.record(Comment(rawValue: disagreement))
        }
    }

    @Test("a definition and Swift types that disagree in every way are reported, each disagreement by name")
    func findsEachDisagreement() {
        #expect(InterfaceContract(Broken.interface).disagreements == [
            "io.parkd.Broken: io.parkd.Broken.List is declared, and not in the definition",
            "io.parkd.Broken: method Get's parameters: field missing is not a property of ParkControlTests.InterfaceContractTests.Broken.Get",
            "io.parkd.Broken: method Get's parameters: property extra of ParkControlTests.InterfaceContractTests.Broken.Get is not in the definition",
            "io.parkd.Broken: type Thing: field name is string in the definition, and optional in ParkControlTests.InterfaceContractTests.Broken.Thing",
            "io.parkd.Broken: method Put's parameters: ParkControlTests.InterfaceContractTests.Broken.Put does not decode what the definition describes: it requires count, which the definition lacks",
            "io.parkd.Broken: method Gone is in the definition, and no VarlinkMethod declares it",
            "io.parkd.Broken: io.parkd.Broken.Stray is declared, and not in the definition",
            "io.parkd.Broken: error Refused: field why is not a property of ParkControlTests.InterfaceContractTests.Broken.Refused",
            "io.parkd.Broken: error Refused: property because of ParkControlTests.InterfaceContractTests.Broken.Refused is not in the definition",
            "io.parkd.Broken: type Thing: field name has no comment",
            "io.parkd.Broken: type Unused has no comment",
            "io.parkd.Broken: method Put: parameter thing has no comment",
            "io.parkd.Broken: error Refused has no comment",
            "io.parkd.Broken: error Refused: field why has no comment",
            "io.parkd.Broken: type Unused is used by no method and no error",
        ])
    }

    /// An interface that breaks the contract in every way the check looks for.
    enum Broken {
        static let interface = VarlinkInterface(name: "io.parkd.Broken", methods: [get, put, list], errors: [Refused.self, Stray.self], definition: """
            # Broken on purpose.
            interface io.parkd.Broken

            # A thing.
            type Thing (
              # Its id.
              id: int,
              name: string
            )

            type Unused (
              # Nothing uses it.
              field: string
            )

            # One thing.
            method Get(
              # Its id.
              thing: int,
              # Not a property of Get.
              missing: ?string
            ) -> (
              # The thing.
              thing: Thing
            )

            # Changes a thing.
            method Put(thing: int) -> ()

            # Declared by no VarlinkMethod.
            method Gone() -> ()

            error Refused (why: string)
            """)

        static let get = VarlinkMethod<Get, GetReply>("io.parkd.Broken.Get", access: .read)
        static let put = VarlinkMethod<Put, NoParameters>("io.parkd.Broken.Put", access: .write)
        static let list = VarlinkMethod<NoParameters, NoParameters>("io.parkd.Broken.List", access: .read)

        /// Its field is not the definition's `why`.
        struct Refused: DeclaredError {
            static let name = "io.parkd.Broken.Refused"
            static let kind = FailureKind.invalidInput
            var because: String?
            var sentence: String { "refused" }
        }

        /// Not in the definition.
        struct Stray: DeclaredError {
            static let name = "io.parkd.Broken.Stray"
            static let kind = FailureKind.notFound
            var sentence: String { "stray" }
        }

        struct Thing: Codable {
            var id: Int64
            var name: String?
        }

        struct Get: Codable {
            var thing: Int64
            var extra: String?
        }

        struct GetReply: Codable {
            var thing: Thing
        }

        struct Put: Codable {
            var thing: Int64
            var count: Int
        }
    }
}
