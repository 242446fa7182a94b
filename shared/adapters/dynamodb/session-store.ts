import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  SESSION_ABSOLUTE_SECONDS,
  SIGN_IN_ATTEMPT_SECONDS,
  type SignInAttempt,
  sessionExpiresAt,
  type WorkspaceSession,
} from '../../domain/workspace/session.ts';
import { documentClient } from './client.ts';

/**
 * The workspace's sessions table: `SESSION#<sha256 of the cookie id>` / `SESSION`, and sign-in attempts
 * `SIGNIN#<state>` / `ATTEMPT`, and each person's last sign-out everywhere `STAFF#<id>` / `SIGNED-OUT`. Every item carries `expiresAt` (TTL); reads also check it, since TTL
 * deletion can lag. One GetItem per request; a write only when a session is created, touched (at most
 * every five minutes), refreshed or ended.
 */
const sessionKey = (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' });
const attemptKey = (state: string) => ({ pk: `SIGNIN#${state}`, sk: 'ATTEMPT' });
/** One per person: when they last signed out everywhere; kept as long as a session can live. */
const signedOutKey = (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'SIGNED-OUT' });

export interface SessionStore {
  create(session: WorkspaceSession): Promise<void>;
  find(idHash: string, now: Date): Promise<WorkspaceSession | null>;
  touch(idHash: string, lastSeenAt: number, createdAt: number): Promise<void>;
  replaceTokens(idHash: string, tokens: { accessToken: string; accessExpiresAt: number }): Promise<void>;
  end(idHash: string): Promise<void>;
  /** Ends every session of this person made until now (their other browsers too) at their next request. */
  signOutEverywhere(staffId: string, now: Date): Promise<void>;
  /** When this person last signed out everywhere (milliseconds), if within a session's lifetime. */
  signedOutAt(staffId: string, now: Date): Promise<number | null>;
  startAttempt(attempt: SignInAttempt): Promise<void>;
  /** Reads and deletes the attempt in one call: a state is good for one callback only. */
  takeAttempt(state: string, now: Date): Promise<SignInAttempt | null>;
}

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

export class DynamoSessionStore implements SessionStore {
  constructor(private readonly tableName: string) {}

  async create(session: WorkspaceSession): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...sessionKey(session.idHash), ...session, expiresAt: sessionExpiresAt(session) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async find(idHash: string, now: Date): Promise<WorkspaceSession | null> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(idHash), ConsistentRead: true }),
    );
    if (!Item || Number(Item.expiresAt) <= nowSeconds(now)) return null;
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...session } = Item;
    return session as WorkspaceSession;
  }

  async touch(idHash: string, lastSeenAt: number, createdAt: number): Promise<void> {
    await documentClient
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(idHash),
          UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :expires',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':seen': lastSeenAt, ':expires': sessionExpiresAt({ createdAt, lastSeenAt }) },
        }),
      )
      .catch((error: unknown) => {
        // Ended in another tab meanwhile: nothing to touch.
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async replaceTokens(idHash: string, tokens: { accessToken: string; accessExpiresAt: number }): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: sessionKey(idHash),
        UpdateExpression: 'SET accessToken = :token, accessExpiresAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':token': tokens.accessToken, ':at': tokens.accessExpiresAt },
      }),
    );
  }

  async end(idHash: string): Promise<void> {
    await documentClient.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(idHash) }));
  }

  async signOutEverywhere(staffId: string, now: Date): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...signedOutKey(staffId),
          signedOutAtMs: now.getTime(),
          expiresAt: nowSeconds(now) + SESSION_ABSOLUTE_SECONDS,
        },
      }),
    );
  }

  async signedOutAt(staffId: string, now: Date): Promise<number | null> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: signedOutKey(staffId), ConsistentRead: true }),
    );
    return Item && Number(Item.expiresAt) > nowSeconds(now) ? Number(Item.signedOutAtMs) : null;
  }

  async startAttempt(attempt: SignInAttempt): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...attemptKey(attempt.state), ...attempt, expiresAt: attempt.createdAt + SIGN_IN_ATTEMPT_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async takeAttempt(state: string, now: Date): Promise<SignInAttempt | null> {
    const { Attributes } = await documentClient.send(
      new DeleteCommand({ TableName: this.tableName, Key: attemptKey(state), ReturnValues: 'ALL_OLD' }),
    );
    if (!Attributes || Number(Attributes.expiresAt) <= nowSeconds(now)) return null;
    const { pk: _pk, sk: _sk, expiresAt: _expiresAt, ...attempt } = Attributes;
    return attempt as SignInAttempt;
  }
}
