pragma circom 2.0.0;
template Sub() {
  signal input a;
  signal output b;
  signal t;
  t <== a * a;
  b <== t * a;
}
template M() {
  signal input x;
  signal input y;
  signal tmp;
  signal output out;
  signal output out2;
  component s = Sub();
  tmp <== x * y;
  s.a <== tmp;
  out <== s.b + 1;
  out2 <== x;
}
component main {public [y]} = M();
