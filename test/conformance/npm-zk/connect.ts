// A node-zookeeper-client session that resolves once connected (no retries), for the tests that
// drive that client against the embedded endpoint and against a real ZooKeeper.

// @ts-types="npm:node-zookeeper-client"
import zookeeper from "node-zookeeper-client";

export type Client = ReturnType<typeof zookeeper.createClient>;

export function connected(connectString: string): Promise<Client> {
  const client = zookeeper.createClient(connectString, { sessionTimeout: 30_000, retries: 0 });
  return new Promise((resolve) => {
    client.once("connected", () => resolve(client));
    client.connect();
  });
}
