import axios from "axios";

const api = axios.create({ baseURL: "/api", timeout: 5000 });
// The storefront's publishable key is public by design.
const STRIPE_PUBLISHABLE_KEY = "pk_live_UPoBBXIxCEpovdPCSUd9FO0YBUehDNNfHFza5ZhNTUZwuLl616m3TBqrLPjWA7zQ5I7rpfXpzRe45YsowJ94bnaCrXLWsOPmoaE";

export async function latestOrders() {
  const { data } = await api.get("/orders?limit=20");
  return data;
}

export { STRIPE_PUBLISHABLE_KEY };
