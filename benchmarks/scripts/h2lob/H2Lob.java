// H2 BLOBs kept out of the row (default, > 256 bytes) against in the row (MAX_LENGTH_INPLACE_LOB=16384): 20,000 inserts
// of a booking-sized payload (1,100 B) and metadata (400 B), each its own commit, then 5 reads of every row.
// javac H2Lob.java && java -cp .:$(find ~/.m2 -name h2-2.3.232.jar) H2Lob   (docs/BENCHMARKS.md, "Embedded store")
import java.sql.*; import java.util.*;
public class H2Lob {
  public static void main(String[] a) throws Exception {
    for (int round = 0; round < 3; round++) for (String opt : new String[]{"", ";MAX_LENGTH_INPLACE_LOB=16384"}) {
      String dir = System.getProperty("java.io.tmpdir") + "/h2lob-" + System.nanoTime();
      try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir + "/x" + opt, "sa", "")) {
        c.createStatement().execute("create table e(gi bigint auto_increment primary key, agg varchar(255), seq bigint, payload blob, meta blob, unique(agg, seq))");
        byte[] p = new byte[1100]; Arrays.fill(p, (byte) 'x'); byte[] m = new byte[400]; Arrays.fill(m, (byte) 'm');
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        PreparedStatement ps = c.prepareStatement("insert into e(agg, seq, payload, meta) values (?,?,?,?)");
        for (int i = 0; i < 20000; i++) { ps.setString(1, "a" + i); ps.setLong(2, 0); ps.setBytes(3, p); ps.setBytes(4, m); ps.addBatch(); ps.executeBatch(); c.commit(); }
        long t1 = System.nanoTime();
        long sum = 0;
        for (int k = 0; k < 5; k++) try (ResultSet rs = c.createStatement().executeQuery("select gi, agg, payload, meta from e order by gi")) { while (rs.next()) sum += rs.getBytes(3).length + rs.getBytes(4).length; }
        long t2 = System.nanoTime();
        System.out.printf("%-32s insert+commit %.1f us/row, read %.1f us/row (%d)%n", opt.isEmpty() ? "default" : opt, (t1 - t0) / 20000 / 1e3, (t2 - t1) / 100000 / 1e3, sum);
      }
    }
  }
}
