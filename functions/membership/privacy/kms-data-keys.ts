import type { KMSClient } from '@aws-sdk/client-kms';
import type { DataKeyProvider } from './envelope';

/**
 * A deployed stage's provider: KMS makes each data key under the stage's key (MEMBERSHIP_KMS_KEY_ID) and unwraps
 * it again; the encryption context binds it to the record, and the role may use the key only with the
 * membership purpose in the context (serverless.ts). The client is loaded on first use: the local stage never
 * pays for it.
 */
export class KmsDataKeys implements DataKeyProvider {
  readonly kind = 'kms' as const;
  private client: Promise<KMSClient> | undefined;

  constructor(
    private readonly keyId: string,
    private readonly options: { region?: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {},
  ) {}

  private kms(): Promise<KMSClient> {
    this.client ??= import('@aws-sdk/client-kms').then(({ KMSClient }) => new KMSClient({ maxAttempts: 3, ...this.options }));
    return this.client;
  }

  async generate(context: Record<string, string>): Promise<{ plaintext: Uint8Array; wrapped: Uint8Array }> {
    const { GenerateDataKeyCommand } = await import('@aws-sdk/client-kms');
    const reply = await (await this.kms()).send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: context }));
    if (!reply.Plaintext || !reply.CiphertextBlob) throw new Error('KMS returned no data key');
    return { plaintext: reply.Plaintext, wrapped: reply.CiphertextBlob };
  }

  async unwrap(wrapped: Uint8Array, context: Record<string, string>): Promise<Uint8Array> {
    const { DecryptCommand } = await import('@aws-sdk/client-kms');
    const reply = await (await this.kms()).send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: wrapped, EncryptionContext: context }));
    if (!reply.Plaintext) throw new Error('KMS returned no plaintext');
    return reply.Plaintext;
  }
}
