// Published known answers: the official BLAKE3 test vectors (test_vectors.json in the BLAKE3
// repository), first 32 bytes of each output, for inputs made by `pattern(length)`.
export const KEY = new TextEncoder().encode('whats the Elvish word for friend');
export const CONTEXT = 'BLAKE3 2019-12-27 16:29:52 test vectors context';
/** The BLAKE3 hash of the three bytes "abc" (the answer test/smoke.ts also holds). */
export const ABC = '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85';

// [input length, hash, keyed_hash, derive_key]
export const VECTORS: [number, string, string, string][] = [
  [
    0,
    'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262',
    '92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26',
    '2cc39783c223154fea8dfb7c1b1660f2ac2dcbd1c1de8277b0b0dd39b7e50d7d',
  ],
  [
    1,
    '2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213',
    '6d7878dfff2f485635d39013278ae14f1454b8c0a3a2d34bc1ab38228a80c95b',
    'b3e2e340a117a499c6cf2398a19ee0d29cca2bb7404c73063382693bf66cb06c',
  ],
  [
    1023,
    '10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11',
    'c951ecdf03288d0fcc96ee3413563d8a6d3589547f2c2fb36d9786470f1b9d6e',
    '74a16c1c3d44368a86e1ca6df64be6a2f64cce8f09220787450722d85725dea5',
  ],
  [
    1024,
    '42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7',
    '75c46f6f3d9eb4f55ecaaee480db732e6c2105546f1e675003687c31719c7ba4',
    '7356cd7720d5b66b6d0697eb3177d9f8d73a4a5c5e968896eb6a689684302706',
  ],
  [
    1025,
    'd00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444',
    '357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69',
    'effaa245f065fbf82ac186839a249707c3bddf6d3fdda22d1b95a3c970379bcb',
  ],
  [
    8193,
    'bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b',
    '954a2a75420c8d6547e3ba5b98d963e6fa6491addc8c023189cc519821b4a1f5',
    'af1e0346e389b17c23200270a64aa4e1ead98c61695d917de7d5b00491c9b0f1',
  ],
  [
    102400,
    'bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085',
    '1c35d1a5811083fd7119f5d5d1ba027b4d01c0c6c49fb6ff2cf75393ea5db4a7',
    '4652cff7a3f385a6103b5c260fc1593e13c778dbe608efb092fe7ee69df6e9c6',
  ],
];

// The same vectors' full 131-byte extended outputs for the 1025-byte input.
export const EXTENDED_1025 = {
  hash: 'd00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444f4c4a22b4b399155358a994e52bf255de60035742ec71bd08ac275a1b51cc6bfe332b0ef84b409108cda080e6269ed4b3e2c3f7d722aa4cdc98d16deb554e5627be8f955c98e1d5f9565a9194cad0c4285f93700062d9595adb992ae68ff12800ab67a',
  keyed:
    '357dc55de0c7e382c900fd6e320acc04146be01db6a8ce7210b7189bd664ea69362396b77fdc0d2634a552970843722066c3c15902ae5097e00ff53f1e116f1cd5352720113a837ab2452cafbde4d54085d9cf5d21ca613071551b25d52e69d6c81123872b6f19cd3bc1333edf0c52b94de23ba772cf82636cff4542540a7738d5b930',
  deriveKey:
    'effaa245f065fbf82ac186839a249707c3bddf6d3fdda22d1b95a3c970379bcb5d31013a167509e9066273ab6e2123bc835b408b067d88f96addb550d96b6852dad38e320b9d940f86db74d398c770f462118b35d2724efa13da97194491d96dd37c3c09cbef665953f2ee85ec83d88b88d11547a6f911c8217cca46defa2751e7f3ad',
};
