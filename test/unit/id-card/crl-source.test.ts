import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileCrlSource, CrlUnavailableError, parseCrls } from '../../../functions/adapters/id-card';
import { crlToPem, createCrl, type DevCa } from '../../../lib/local/virtual-card';
import { makeCa } from './support/fixtures';

describe('Method: createFileCrlSource (PORTAL_ID_CARD_CRL)', () => {
  let directory: string;
  let ca: DevCa;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'crl-source-'));
    ca = await makeCa('ec-p384');
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('reads a PEM CRL', async () => {
    const path = join(directory, 'pem.crl');
    await writeFile(path, crlToPem(await createCrl(ca, ['0a0b0c'])));

    const [crl] = await createFileCrlSource(path).current();

    expect(crl.findRevoked('0a0b0c')).not.toBeNull();
  });

  it('reads a DER CRL', async () => {
    const path = join(directory, 'der.crl');
    await writeFile(path, Buffer.from((await createCrl(ca, ['0d0e0f'])).rawData));

    const [crl] = await createFileCrlSource(path).current();

    expect(crl.findRevoked('0d0e0f')).not.toBeNull();
  });

  it('reads every CRL of a PEM bundle (one per CA)', async () => {
    const other = await makeCa('rsa', { commonName: 'Other CA' });
    const pem = crlToPem(await createCrl(ca, [])) + crlToPem(await createCrl(other, []));
    expect(parseCrls(Buffer.from(pem))).toHaveLength(2);
  });

  it('parses the file once while it stays the same', async () => {
    const path = join(directory, 'cached.crl');
    await writeFile(path, crlToPem(await createCrl(ca, [])));
    const readFile = jest.fn((file: string) => import('node:fs/promises').then((fs) => fs.readFile(file)));
    const source = createFileCrlSource(path, {
      stat: (file) => import('node:fs/promises').then((fs) => fs.stat(file)),
      readFile,
    });

    const first = await source.current();
    const second = await source.current();

    expect(second).toBe(first);
    expect(readFile).toHaveBeenCalledTimes(1);
  });

  it('reloads the CRL when the file is replaced by a new one', async () => {
    const path = join(directory, 'replaced.crl');
    await writeFile(path, crlToPem(await createCrl(ca, [])));
    const source = createFileCrlSource(path);
    expect((await source.current())[0].findRevoked('01aa')).toBeNull();

    await writeFile(`${path}.new`, Buffer.from((await createCrl(ca, ['01aa'])).rawData));
    await rename(`${path}.new`, path);

    expect((await source.current())[0].findRevoked('01aa')).not.toBeNull();
  });

  it('reloads the CRL when the file is rewritten in place', async () => {
    const path = join(directory, 'rewritten.crl');
    await writeFile(path, crlToPem(await createCrl(ca, ['02bb'])));
    const source = createFileCrlSource(path);
    expect((await source.current())[0].findRevoked('03cc')).toBeNull();

    await writeFile(path, crlToPem(await createCrl(ca, ['02bb', '03cc'])));

    expect((await source.current())[0].findRevoked('03cc')).not.toBeNull();
  });

  it('is unavailable while the file is missing or broken, and recovers when it is fixed', async () => {
    const path = join(directory, 'broken.crl');
    const source = createFileCrlSource(path);
    await expect(source.current()).rejects.toBeInstanceOf(CrlUnavailableError);

    await writeFile(path, 'not a CRL');
    await expect(source.current()).rejects.toBeInstanceOf(CrlUnavailableError);

    await writeFile(path, crlToPem(await createCrl(ca, [])));
    await expect(source.current()).resolves.toHaveLength(1);
  });
});
