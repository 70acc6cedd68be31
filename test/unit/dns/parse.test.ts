import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CorefileError, parseCorefile, parseDirectives } from '../../../electron/core/dns/index.ts';
import { tokenize } from '../../../electron/core/dns/lexer.ts';
import { corefileFixtures, fixture } from './fixtures.ts';

/** Expect a CorefileError at line:column whose message mentions `what`. */
function assertError(text: string, line: number, column: number, what: RegExp) {
  assert.throws(
    () => parseCorefile(text, 'test.Corefile'),
    (err: unknown) => {
      assert.ok(err instanceof CorefileError, `expected CorefileError, got ${String(err)}`);
      assert.equal(err.line, line, err.message);
      assert.equal(err.column, column, err.message);
      assert.match(err.message, what);
      assert.ok(err.message.startsWith(`test.Corefile:${line}:${column}: `), err.message);
      return true;
    },
  );
}

describe('tokenize', () => {
  test('comments start only where a token could, quotes keep spaces and only \\" is an escape', () => {
    const toks = tokenize('log . "a \\"b\\" \\.c" # trailing\nfoo#bar "x"y\n');
    assert.deepEqual(
      toks.map((t) => [t.text, t.quoted]),
      [['log', false], ['.', false], ['a "b" \\.c', true], ['foo#bar', false], ['x', true], ['y', false]],
    );
    assert.equal(toks[3]!.line, 2);
    assert.equal(toks[3]!.column, 1);
  });

  test('a quoted token may span lines and keeps its end line', () => {
    const toks = tokenize('a "x\ny" b');
    assert.equal(toks[1]!.line, 1);
    assert.equal(toks[1]!.endLine, 2);
    assert.equal(toks[2]!.line, 2);
  });
});

describe('parseCorefile', () => {
  test('kubeadm default: keys, zone, port, plugins, nested blocks and exact ranges', () => {
    const text = fixture('kubeadm.Corefile');
    const cf = parseCorefile(text);
    assert.equal(cf.serverBlocks.length, 1);
    const block = cf.serverBlocks[0]!;
    assert.deepEqual(block.keys, ['.:53']);
    assert.deepEqual(block.zones, ['.']);
    assert.equal(block.port, 53);
    assert.deepEqual(block.plugins.map((p) => p.name), ['errors', 'health', 'ready', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance']);
    const k8s = block.plugins[3]!;
    assert.deepEqual(k8s.args, ['cluster.local', 'in-addr.arpa', 'ip6.arpa']);
    assert.equal(k8s.line, 7);
    assert.deepEqual(k8s.block?.map((d) => [d.name, d.args]), [['pods', ['insecure']], ['fallthrough', ['in-addr.arpa', 'ip6.arpa']], ['ttl', ['30']]]);
    assert.ok(text.slice(...k8s.range).startsWith('kubernetes cluster.local'));
    assert.ok(text.slice(...k8s.range).endsWith('ttl 30\n    }'));
    assert.equal(text.slice(...block.range), text.trimEnd());
    assert.equal(text[block.bodyRange[0] - 1], '{');
    assert.equal(text[block.bodyRange[1]], '}');
    assert.equal(text.slice(...block.plugins[1]!.block![0]!.range), 'lameduck 5s');
  });

  test('several blocks, comments between them, and other-team zones', () => {
    const cf = parseCorefile(fixture('gke-stubdomains.Corefile'));
    assert.deepEqual(cf.serverBlocks.map((b) => b.keys[0]), ['.:53', 'acme.internal:53', 'corp.example:53']);
    assert.deepEqual(cf.serverBlocks[1]!.zones, ['acme.internal.']);
    assert.deepEqual(cf.serverBlocks[1]!.plugins.find((p) => p.name === 'forward')!.args, ['.', '10.150.0.10', '10.150.0.11']);
  });

  test('k3s: hosts file plugin, block import and top-level import are kept as written', () => {
    const cf = parseCorefile(fixture('k3s.Corefile'));
    const main = cf.serverBlocks[0]!;
    assert.deepEqual(main.plugins.find((p) => p.name === 'hosts')!.args, ['/etc/coredns/NodeHosts']);
    assert.deepEqual(main.plugins.at(-1)!.name, 'import');
    assert.deepEqual(main.plugins.at(-1)!.args, ['/etc/coredns/custom/*.override']);
    assert.equal(cf.imports.length, 1);
    assert.deepEqual(cf.imports[0]!.args, ['/etc/coredns/custom/*.server']);
    assert.equal(cf.imports[0]!.line, 22);
  });

  test('snippets are collected by name and imports stay in place', () => {
    const cf = parseCorefile(fixture('snippets.Corefile'));
    assert.deepEqual(cf.snippets.map((s) => s.name), ['common', 'k8s']);
    assert.deepEqual(cf.snippets[0]!.body.map((d) => d.name), ['errors', 'cache', 'reload']);
    assert.deepEqual(cf.serverBlocks.map((b) => b.keys), [['.:53'], ['corp.test:53']]);
    assert.deepEqual(cf.serverBlocks[0]!.plugins.filter((p) => p.name === 'import').map((p) => p.args[0]), ['common', 'k8s']);
  });

  test('env placeholders stay as text; a placeholder port is unknown (0), never 53', () => {
    const cf = parseCorefile(fixture('no-trailing-newline-envvar.Corefile'));
    assert.equal(cf.serverBlocks[0]!.port, 0);
    assert.equal(cf.serverBlocks[1]!.port, 53);
    const main = cf.serverBlocks[1]!;
    assert.deepEqual(main.plugins.find((p) => p.name === 'health')!.args, [':{$HEALTH_PORT}']);
    assert.equal(main.plugins.find((p) => p.name === 'kubernetes')!.args[0], '{$CLUSTER_DOMAIN}');
    assert.deepEqual(main.plugins.find((p) => p.name === 'log')!.args, ['.', '{remote}:{port} - {>id} "{type} {class} {name}" {rcode}']);
  });

  test('keys: several per block, commas, transports, CIDR reverse zones, brace on the next line', () => {
    const cf = parseCorefile('example.org, example.net:1053 tls://secure.test {\n  whoami\n}\n10.0.0.0/8\n{\n  whoami\n}\n172.16.0.0/23:53 {\n  whoami\n}\n');
    const [a, b, c] = cf.serverBlocks;
    assert.deepEqual(a!.keys, ['example.org', 'example.net:1053', 'tls://secure.test']);
    assert.deepEqual(a!.addresses.map((x) => [x.transport, x.zones[0], x.port]), [['dns', 'example.org.', 53], ['dns', 'example.net.', 1053], ['tls', 'secure.test.', 853]]);
    assert.deepEqual(b!.zones, ['10.in-addr.arpa.']);
    assert.deepEqual(c!.zones, ['0.16.172.in-addr.arpa.', '1.16.172.in-addr.arpa.']);
  });

  test('nested blocks on one line, a directive block closed on its last line, and rewrite blocks', () => {
    const cf = parseCorefile('. {\n  health { lameduck 5s }\n  hosts {\n    1.2.3.4 a.test\n    fallthrough }\n  rewrite stop {\n    name regex (.*)\\.a {1}.b\n    answer name (.*)\\.b {1}.a\n  }\n}\n');
    const [health, hosts, rewrite] = cf.serverBlocks[0]!.plugins;
    assert.deepEqual(health!.block!.map((d) => [d.name, d.args]), [['lameduck', ['5s']]]);
    assert.deepEqual(hosts!.block!.map((d) => d.name), ['1.2.3.4', 'fallthrough']);
    assert.deepEqual(rewrite!.args, ['stop']);
    assert.deepEqual(rewrite!.block!.map((d) => d.args), [['regex', '(.*)\\.a', '{1}.b'], ['name', '(.*)\\.b', '{1}.a']]);
  });

  test('CRLF and tab fixtures parse like their LF/space twins', () => {
    const lf = parseCorefile(fixture('kubeadm.Corefile'));
    const crlf = parseCorefile(fixture('crlf.Corefile'));
    const strip = (cf: typeof lf) => cf.serverBlocks.map((b) => b.plugins.map((p) => [p.name, p.args, p.block?.map((d) => [d.name, d.args])]));
    assert.deepEqual(strip(crlf), strip(lf));
    assert.equal(crlf.serverBlocks[0]!.plugins[3]!.line, 7);
    const tabs = parseCorefile(fixture('tabs.Corefile'));
    assert.deepEqual(tabs.serverBlocks[0]!.plugins.find((p) => p.name === 'kubernetes')!.block!.map((d) => d.name), ['pods', 'fallthrough', 'ttl']);
  });

  test('every fixture parses and every plugin range starts with its name', () => {
    const fixtures = corefileFixtures();
    assert.ok(fixtures.length >= 14, `only ${fixtures.length} fixtures`);
    for (const { name, text } of fixtures) {
      const cf = parseCorefile(text, name);
      assert.ok(cf.serverBlocks.length >= 1, name);
      for (const block of cf.serverBlocks) {
        for (const p of block.plugins) assert.ok(text.slice(p.range[0]).startsWith(p.name), `${name}: ${p.name}`);
        assert.equal(text[block.bodyRange[1]], '}', name);
      }
    }
  });

  test('parseDirectives reads an override snippet body', () => {
    const ds = parseDirectives('rewrite name exact a.test b.test # x\nlog\n');
    assert.deepEqual(ds.map((d) => [d.name, d.args]), [['rewrite', ['name', 'exact', 'a.test', 'b.test']], ['log', []]]);
  });
});

describe('parse errors name the line, the column and what was expected', () => {
  test('unclosed server block points at its opening brace', () => {
    assertError('.:53 {\n    errors\n    health\n', 1, 6, /expected '}' to close the block of "\.:53".*end of the file/);
  });
  test('unclosed plugin block points at the plugin brace', () => {
    assertError('.:53 {\n    errors\n    health {\n        lameduck 5s\n', 3, 12, /expected '}' to close the block of "health"/);
  });
  test('an extra closing brace', () => {
    assertError('.:53 {\n    errors\n}\n}\n', 4, 1, /unexpected '}'/);
  });
  test('an unterminated quoted string points at its opening quote', () => {
    assertError('.:53 {\n    log . "{remote} {name}\n}\n', 2, 11, /unterminated quoted string.*closing '"'/);
  });
  test('a brace alone on the line after a plugin', () => {
    assertError('.:53 {\n    health\n    {\n        lameduck 5s\n    }\n}\n', 3, 5, /unexpected '\{'.*same line/);
  });
  test('the server block brace on the same line as a plugin', () => {
    assertError('.:53 {\n    errors }\n', 2, 12, /closing brace of the server block on its own line/);
  });
  test('a trailing comma with no further address', () => {
    assertError('example.org, {\n  whoami\n}\n', 1, 14, /another server address/);
  });
  test('a bad port and an unknown transport', () => {
    assertError('.:5x3 {\n  whoami\n}\n', 1, 1, /invalid port "5x3"/);
    assertError('foo://. {\n  whoami\n}\n', 1, 1, /unknown transport "foo:\/\/"/);
  });
  test('errors are invalid_config contract errors', () => {
    try {
      parseCorefile('. {', 'x');
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof CorefileError);
      assert.equal(err.code, 'invalid_config');
      assert.equal(err.where, 'x:1:3');
    }
  });
});
