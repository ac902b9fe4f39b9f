/// SplitMix64: a small, fast generator whose sequence depends only on its seed, so generated
/// data sets (the demo, the synthetic city) are the same on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Plausible Chinese names for generated residents.
public enum NamePool {
    public static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    public static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰红梅志强鹏辉晶婷雪琳浩宇欣怡子涵梓萱一诺俊杰文博思远嘉怡雨泽")

    public static func name<G: RandomNumberGenerator>(using rng: inout G) -> String {
        var s = String(surnames.randomElement(using: &rng)!)
        let length = Int.random(in: 1...2, using: &rng)
        for _ in 0..<length { s.append(given.randomElement(using: &rng)!) }
        return s
    }
}
