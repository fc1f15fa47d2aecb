pragma circom 2.0.0;
include "rollup.circom";
component main {public [oldRoot, newRoot, txHash]} = RollupBatch(2, 2);
