/**
 * Hashes of the bits the engine of main computed at commit d0b52eb (before the kernels were rewritten
 * for speed), for the runs in fingerprint.test.ts: one per training step, then one of predict and
 * evaluate on the whole set. Produced once by running that test's fingerprintsOf on d0b52eb's src/nn;
 * never regenerate them from a changed engine, since they exist to show that the change kept every bit.
 */
export const FINGERPRINTS: Record<string, string[]> = {
  'B 5-64-64-1 sigmoid bce': [
    'b2b0a91bbfc5e2c6', '07427e99ff823fa3', '777f5252d821cc4b', '71fa5043dd40b60e', '33a25d0330078fb8', '88c21095d47c9445',
    '7f325db7e63a9d14', '80f7e5cfe10a15e7', '4f993a78d0549188', '4bc7fe1061072676', 'c0cc0034823b970b', '832a9e552875ba4c',
    '2f9cf65fee9b765f',
  ],
  'A 5-16-16-1 sigmoid bce': [
    'faac8b3b45fd8119', '832c8981226e939d', '6f8f5466f78f0f12', '5390598cb06283e4', '938bef87dfc08f67', '26b90e9c86beaca2',
    'f33c961ea82d0d7b', 'c4457373877ee99f',
  ],
  '7-9-3 relu softmax cce': [
    'd4bba42f7af259f8', '422bee1950f0e0a2', 'fd8959c6a45e24e4', '1b2719b101fe8c11', '34bf0ccf58c055bd', 'd92f26d74ada3f9e',
    '76e2ee8ca6b94266', 'd336e1f8fc7fa8ab', 'f0ca1b0e5aa5639a', '35e6325337d81064',
  ],
  '3-6-5-2 tanh linear mse, m = 1': [
    'bb2ed2c21b69c468', 'c23b825317ab949e', '7546f5f08d871d08', 'bd0553c3310ef1f6', 'b36c7da0b02bf550', '8719d7391f2321a9',
    '79e6f39257c6a7fb',
  ],
  '6-11-10-1 leakyRelu sigmoid mse': [
    'a4bec6e6efe0e47f', 'bcef4ab0e82a3b15', '78f7db15c2a91fcd', '86aa63bba941dacb', 'a5c9a07d38a60899', '460d8d9c0e287225',
    '93a34c65aceaa00f', '7ac70fa36cc650ad', '4f423c10ec86582a', '7080d35348c735ff', '74cecd5c787bc5e7',
  ],
  '4-13-2 linear sigmoid bce (two outputs)': [
    'dfdea43fa77287e9', '9066db94e8daa1c9', '8cf77743d4f6d827', 'ab490f25465c181a', '432b504cef97c373', 'fc134d3e73e8965f',
    'bd29a6fae14cafc6',
  ],
  '20-33-10 relu softmax cce, batch 64': [
    'f5777d17486fd60f', '27bea838de4ff23e', '246ae4b7f16121ac', 'bc6b065aef216099', 'd257f28bc73efc04',
  ],
  '2-3-1 sigmoid tanh mse': [
    '297b24fbe0ce7b9f', '39429f2b02c20ec3', 'c125a05d606f3781', '7afdf15d3483f33a', '23c6ccaafc4c1b56', 'b94acb9c453d720a',
  ],
};
