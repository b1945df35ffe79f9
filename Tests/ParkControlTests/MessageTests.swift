import Foundation
import NIOCore
import ParkControl
import Testing

@Suite("Varlink messages and JSON values")
struct MessageTests {
    @Test("a connection lost to an I/O error is named in the system's words, not in NIO's description of the call that met it")
    func connectionLost() {
        let reset = VarlinkClientError.connectionLost(IOError(errnoCode: ECONNRESET, reason: "read(descriptor:pointer:size:)"))
        #expect(reset.description == "connection to parkd lost: Connection reset by peer")
        #expect(VarlinkClientError.connectionLost("parkd closed the connection").description == "connection to parkd lost: parkd closed the connection")
    }

    @Test("requests decode with parameters missing, null or empty")
    func optionalParameters() throws {
        for (text, shape) in [
            (#"{"method":"a.b.C"}"#, VarlinkCallHeader.ParametersShape.absent),
            (#"{"method":"a.b.C","parameters":null}"#, .absent),
            (#"{"method":"a.b.C","parameters":{}}"#, .object([])),
            (#"{"method":"a.b.C","parameters":[1]}"#, .invalid),
        ] {
            let call = try JSONDecoder().decode(VarlinkCallHeader.self, from: Data(text.utf8))
            #expect(call.qualifiedName?.interface == "a.b")
            #expect(call.qualifiedName?.member == "C")
            #expect(call.parameters == shape)
        }
    }

    @Test("method names without an interface have no qualified name", arguments: ["Status", ".Status", "io.parkd.", ""])
    func unqualified(_ method: String) {
        #expect(VarlinkRequest(method: method).qualifiedName == nil)
    }

    @Test("canonical JSON sorts keys and escapes control characters")
    func canonical() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"b":[1,true,null],"a":"x\ny\u0001","c":{"z":1.5,"y":"青岛"}}"#.utf8))
        #expect(value.canonicalText == #"{"a":"x\ny\u0001","b":[1,true,null],"c":{"y":"青岛","z":1.5}}"#)
    }

    @Test("errors print their name and parameters")
    func errorDescription() {
        let error = VarlinkError(name: "io.parkd.Tenant.NoSuchTenant", parameters: .object(["tenant": .string("7")]))
        #expect(error.description == "io.parkd.Tenant.NoSuchTenant (tenant=7)")
    }
}
