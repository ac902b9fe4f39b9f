import Foundation
import ZhanjuRules

/// `zhanju bench cipher`: what sealing and hashing a personal number costs on this machine, the
/// figure behind the city generator's rate (BENCHMARKS.md).
public enum CipherBench {
    public static func run(count: Int) -> String {
        let cipher = PersonalDataCipher(current: .init(secret: "a benchmark secret of thirty-two characters"))
        let values = (0..<1000).map { "1101051949123\(String(format: "%04d", $0))X" }
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        var sink = 0
        let seal = time { for i in 0..<count { sink &+= cipher.seal(values[i % 1000]).utf8.count } }
        let hash = time { for i in 0..<count { sink &+= cipher.lookupHash(values[i % 1000]).utf8.count } }
        let mask = time { for i in 0..<count { sink &+= Masking.idNumber(values[i % 1000]).utf8.count } }
        func per(_ s: Double) -> String { String(format: "%.2f µs each, %.0f/s", s / Double(count) * 1e6, Double(count) / s) }
        return "seal \(per(seal)); lookup hash \(per(hash)); mask \(per(mask)) (\(sink % 7))"
    }
}
