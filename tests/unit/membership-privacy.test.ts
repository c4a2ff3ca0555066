import { LocalDataKeys, open, seal } from '../../functions/membership/privacy/envelope';
import { isValidIdNumber, maskIdNumber, idNumberFacts } from '../../functions/membership/privacy/id-number';
import { KmsDataKeys } from '../../functions/membership/privacy/kms-data-keys';
import { startFakeKms, type FakeKms } from '../support/fake-kms';

const ID = '232721199503120019';
const context = { purpose: 'party-membership', personId: 'demo-ranger' };
const local = new LocalDataKeys(Buffer.alloc(32, 7).toString('base64'));

describe('ID numbers', () => {
  it('checks the check character, masks all but the first three and last four, and reads birth date and sex', () => {
    expect(isValidIdNumber(ID)).toBe(true);
    expect(isValidIdNumber('232721199503120010')).toBe(false);
    expect(isValidIdNumber('23272119950312001')).toBe(false);
    expect(maskIdNumber(ID)).toBe('232***********0019');
    expect(idNumberFacts(ID)).toEqual({ birthDate: '1995-03-12', sex: 'male' });
  });
});

describe('envelope encryption with the local key', () => {
  it('opens what it sealed, and stores neither the number nor the data key in the clear', async () => {
    const envelope = await seal(ID, context, local);
    expect(JSON.stringify(envelope)).not.toContain(ID);
    expect(envelope.kind).toBe('local');
    expect(await open(envelope, context, local)).toBe(ID);
  });

  it('gives each value its own data key', async () => {
    const [a, b] = [await seal(ID, context, local), await seal(ID, context, local)];
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a sealed number moved to another person, a changed byte, or another master key', async () => {
    const envelope = await seal(ID, context, local);
    await expect(open(envelope, { ...context, personId: 'm0001' }, local)).rejects.toThrow();
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    await expect(open({ ...envelope, ciphertext: bytes.toString('base64') }, context, local)).rejects.toThrow();
    await expect(open(envelope, context, new LocalDataKeys(Buffer.alloc(32, 8).toString('base64')))).rejects.toThrow();
  });
});

describe('envelope encryption with KMS data keys (the deployed stage’s provider, against KMS’s protocol on loopback)', () => {
  let kms: FakeKms;
  beforeAll(async () => {
    kms = await startFakeKms('alias/party-membership');
  });
  afterAll(() => kms.close());

  it('takes a data key per value from KMS with the record as encryption context, and opens it through KMS', async () => {
    const provider = new KmsDataKeys('alias/party-membership', { region: 'cn-north-1', endpoint: kms.endpoint, credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } });
    const envelope = await seal(ID, context, provider);
    expect(envelope.kind).toBe('kms');
    expect(await open(envelope, context, provider)).toBe(ID);
    expect(kms.requests.map((request) => request.operation)).toEqual(['GenerateDataKey', 'Decrypt']);
    expect(kms.requests[0]).toMatchObject({ keyId: 'alias/party-membership', context });
    // KMS itself refuses to unwrap the data key for another record.
    await expect(open(envelope, { ...context, personId: 'm0001' }, provider)).rejects.toThrow();
    // A value sealed locally is never opened with KMS, nor the other way round.
    await expect(open(await seal(ID, context, local), context, provider)).rejects.toThrow(/sealed by a local key/);
  });
});
